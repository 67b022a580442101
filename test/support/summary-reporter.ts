import Mocha from 'mocha';

/** The spec reporter plus one closing line, `N passed, N failed`, that CI reads to tell a run that
 * executed no test from a green one. */
class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    let passed = 0;
    let failed = 0;
    runner.on(Mocha.Runner.constants.EVENT_TEST_PASS, () => passed++);
    runner.on(Mocha.Runner.constants.EVENT_TEST_FAIL, () => failed++);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      // After the spec reporter's epilogue, which is registered first.
      setImmediate(() => process.stdout.write(`${passed} passed, ${failed} failed\n`));
    });
  }
}

export = SummaryReporter;
