#!/usr/bin/env node
/**
 * Stages the chaincode for packaging (see chaincode/stage.ts).
 *   node network/dist/fabric/stage-chaincode.js CHAINCODE_DIR STAGE_DIR
 */
import { stageChaincode } from './chaincode/stage';
import { runCli } from './run-cli';

runCli('stage-chaincode', () => {
  const [chaincodeDir, stageDir] = process.argv.slice(2);
  if (!chaincodeDir || !stageDir) {
    process.stderr.write('usage: stage-chaincode.js CHAINCODE_DIR STAGE_DIR\n');
    process.exitCode = 2;
    return;
  }
  const r = stageChaincode(chaincodeDir, stageDir);
  process.stdout.write(`staged chaincode with ${r.packages} dependency packages in ${stageDir}\n`);
});
