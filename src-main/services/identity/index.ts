export { entityKey, entityKeyOfKnown, entryFingerprint, knownSubprocessorOf } from './entity-key';
