import ACSADomain
import ACSAScenario
import ACSASimulation
import ArgumentParser

struct Validate: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Check a scenario file for static errors without running it.",
    discussion: """
      Prints every static error as FILE:LINE:COLUMN: error: message (all of them, not \
      only the first) and exits 2 when there is any; otherwise prints a one-line \
      summary and exits 0. Nothing is written.
      """)

  @Argument(help: "The scenario file (YAML).")
  var file: String

  @Flag(help: "Print the result as JSON.")
  var json = false

  struct Report: Encodable {
    struct Problem: Encodable {
      let line: Int
      let column: Int
      let message: String
    }
    let file: String
    let valid: Bool
    let diagnostics: [Problem]
    let events: Int?
    let orders: Int?
    let expectations: Int?
    let generated_events: Int?
  }

  func run() throws {
    let scenario: Scenario
    let generated: Int
    do {
      scenario = try ScenarioLoader.load(path: file)
      // Counted by a first pass of the random stream, without keeping the events.
      generated = try Generation.stream(for: scenario, seed: scenario.seed).count
    } catch {
      if json {
        let problems = error.diagnostics.map { Report.Problem(line: $0.line, column: $0.column, message: $0.message) }
        print(
          try Output.json(
            Report(file: file, valid: false, diagnostics: problems, events: nil, orders: nil, expectations: nil, generated_events: nil)))
      } else {
        for d in error.diagnostics { Output.stderr(d.description) }
        Output.stderr("\(error.diagnostics.count) error\(error.diagnostics.count == 1 ? "" : "s") in \(file)")
      }
      throw Exit.badInput
    }
    let orders = scenario.events.filter { if case .order = $0.action { true } else { false } }.count
    let expects = scenario.events.filter { if case .expect = $0.action { true } else { false } }.count
    if json {
      print(
        try Output.json(
          Report(
            file: file, valid: true, diagnostics: [], events: scenario.events.count, orders: orders, expectations: expects,
            generated_events: generated)))
    } else {
      let extra = generated == 0 ? "" : "; its generators add \(generated) events with seed \(scenario.seed)"
      print(
        "\(file): valid: \"\(scenario.name)\", \(scenario.events.count) events (\(orders) orders, \(expects) expectations), \(scenario.start) to \(scenario.end)\(extra)"
      )
    }
  }
}
