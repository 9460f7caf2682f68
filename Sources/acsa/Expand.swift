import ACSADomain
import ACSAScenario
import ACSASimulation
import ArgumentParser
import Foundation

struct Expand: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Write a scenario with its generators replaced by the events they produce.",
    discussion: """
      The result is a plain scenario file a user can read and edit: every scripted and \
      generated event, in the order they are applied. Running it gives the same \
      ledger_digest as running the original with the same seed.
      """)

  @Argument(help: "The scenario file (YAML).")
  var file: String

  @Option(help: ArgumentHelp("The seed of the random stream (default: the scenario's `seed`).", valueName: "S"))
  var seed: UInt64?

  @Option(name: [.short, .long], help: ArgumentHelp("Write to this file instead of standard output.", valueName: "PATH"))
  var output: String?

  func run() throws {
    let (scenario, generated) = try ScenarioInput.load(file, seed: seed)
    let events = (scenario.events + generated).sorted { ($0.date, $0.index) < ($1.date, $1.index) }
    let text = ScenarioWriter.expanded(
      scenario, seed: scenario.seed, events: events,
      comment:
        "Expanded by acsa \(ACSAVersion.current) from \(file) with seed \(scenario.seed):\n\(scenario.events.count) scripted and \(generated.count) generated events, in the order they apply."
    )
    if let output {
      do {
        try text.write(toFile: output, atomically: true, encoding: .utf8)
      } catch {
        Output.error("cannot write \(output): \(error.localizedDescription)")
        throw Exit.staticError
      }
    } else {
      print(text, terminator: "")
    }
  }
}
