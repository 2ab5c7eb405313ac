import { formatKeyList, installPersonalDataKeys, newKey, parseKeyList } from '../src/lib/personal-data.js';

/**
 * The benches seal phone numbers as a start does. One key per run, made here unless
 * PERSONAL_DATA_KEYS is set, and left in the environment so a server a bench starts opens them too.
 */
process.env.PERSONAL_DATA_KEYS ??= formatKeyList([newKey()]);
const parsed = parseKeyList(process.env.PERSONAL_DATA_KEYS);
if ('problem' in parsed) throw new Error(`PERSONAL_DATA_KEYS: ${parsed.problem}`);
installPersonalDataKeys(parsed.keys);
