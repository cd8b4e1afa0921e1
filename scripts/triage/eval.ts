import { evaluateFile, parseArgs } from './evaluate';

try {
  console.log(JSON.stringify(evaluateFile(parseArgs(process.argv.slice(2))), null, 2));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
