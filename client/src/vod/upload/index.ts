// Uploading local files to VOD (docs/upload.md). Plain Node; ali-oss is loaded on the first upload.
export * from './plan';
export * from './credential';
export * from './journal';
export { loadOss, type OssCheckpoint, type OssClient, type OssModule } from './oss';
export * from './run';
