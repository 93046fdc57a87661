// Entry point of dist/server.js, started by the extension over Node IPC (or --stdio).
import { startServer } from './server';

startServer();
