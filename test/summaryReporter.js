// Prints the plain closing line "N passed, N failed" that CI reads, after jest's own summary.
class SummaryReporter {
  onRunComplete(_contexts, results) {
    console.log(`\n${results.numPassedTests} passed, ${results.numFailedTests} failed`)
  }
}
module.exports = SummaryReporter
