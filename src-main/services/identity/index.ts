export { entityKey, entryFingerprint, knownSubprocessorOf } from './entity-key';
