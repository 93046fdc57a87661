// The local VOD emulator (Node only): `startEmulator` for tests and tools, `runEmulatorCli` for the CLI.
export { runEmulatorCli, parseEmulatorArgs, EMULATOR_USAGE, type EmulatorCliIo } from './cli';
export {
  startEmulator, generateTestKeys, loadMediaFile, EMULATOR_HOST,
  type Emulator, type EmulatorOptions, type EmulatorRequestLog, type Fault, type StsCredential,
} from './server';
export type { MediaSeedEntry, MediaRecord, ProjectRecord } from './state';
export { parseRange, contentTypeOf, MediaLibrary, type MediaRequestLog, type MediaStreamEntry, type RangeRequest } from './media';
export { probeMp4, probeImage, ProbeError, type Mp4Info, type Mp4Track } from './probe';
export { EmulatorError, emulatorErrorText } from './messages';
export { acsEncode, v2StringToSign, v3CanonicalRequest, verifyV2, verifyV3, readAuth } from './signature';
export { UploadService, ossStringToSign, type OssRequestLog, type UploadKey } from './upload';
