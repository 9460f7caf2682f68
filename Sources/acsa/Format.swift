import ACSAReports
import ArgumentParser

struct Format: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Print the scenario format: every key, its type, default and an example.",
    discussion: """
      The reference for writing a scenario: the keys of every section with their types, \
      defaults and examples, the events and what each does, the refusal and finding \
      codes with whose rule each is, the expectations, the generators, the rules in \
      plain words and the limits. The same text is docs/scenario-format.md.

      Examples:
        acsa format | less
        acsa new my-exercise.yaml && acsa format
      """)

  func run() throws {
    print(FormatReference.markdown)
  }
}
