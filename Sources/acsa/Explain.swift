import ACSADomain
import ACSASimulation
import ArgumentParser
import Foundation
@preconcurrency import Rainbow

struct Explain: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Narrate a scenario day by day: what happens, what is refused and why, who owes whom.",
    discussion: """
      Replays the scenario as `acsa run` does (writing no ledger) and tells, day by
      day and in plain language:
        - each event: who orders, delivers, pays or returns what, with the units'
          names, the catalog's items and units, amounts, due dates and deadlines;
        - each refused event: its stable code, the rule behind it and whose rule it
          is: the agreement's, as the sources listed in docs/sources.md report it,
          or a choice of the scenario (which setting) or of acsa (and why);
        - each deadline conversion, under the 12-month rule;
        - each `expect` of the scenario, and whether it holds;
        - what each book shows owed, both ways, at the end of every day with
          activity (each book apart when the two differ);
        - each finding an auditor would flag (unsigned_order, no_receipt,
          no_claim, not_invoiced, late_payment, overdue, book_mismatch,
          closed_with_balance) on the day it arises, and a summary at the end.
      Read it beside the scenario file: refusals and failed checks give their line.

      --step waits for Enter between days when standard input and output are both \
      a terminal (type c to run to the end, q to quit); otherwise it waits for \
      nothing. Colour shows on a terminal unless NO_COLOR is set; --color always \
      or never decides instead. --json prints the same walkthrough as data \
      (documented in the README).

      Exit status: 0 when every expectation holds, 1 when one fails, 2 on a static \
      error in the scenario (printed as FILE:LINE:COLUMN: error: message, as by \
      `acsa validate`).

      Try:  acsa explain scenarios/kamandag-2026.yaml
            acsa explain scenarios/teaching-refusals.yaml --step
      """)

  enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never
  }

  @Argument(help: "The scenario file (YAML).")
  var file: String

  @Flag(help: "Wait for Enter between days (only when standard input and output are a terminal).")
  var step = false

  @Option(help: ArgumentHelp("Colour: auto (a terminal and NO_COLOR unset), always or never.", valueName: "WHEN"))
  var color: ColorChoice = .auto

  @Option(help: ArgumentHelp("The seed of the generators' random stream (default: the scenario's `seed`).", valueName: "S"))
  var seed: UInt64?

  @Flag(help: "Print the walkthrough as JSON (documented in the README).")
  var json = false

  func run() throws {
    let (scenario, generated) = try ScenarioInput.load(file, seed: seed)
    let walkthrough = try Walkthrough.make(scenario, generated: generated)
    defer { fflush(nil) }
    if json {
      print(try Output.json(walkthrough.json))
    } else {
      narrate(walkthrough)
    }
    if walkthrough.failedExpectations > 0 { throw Exit.somethingToReport }
  }

  func narrate(_ walkthrough: Walkthrough) {
    let style = Self.styler(color)
    var waiting = step && isatty(STDIN_FILENO) != 0 && isatty(STDOUT_FILENO) != 0
    print(walkthrough.introText(style: style))
    for day in walkthrough.days {
      if waiting {
        print("")
        print("-- Enter: next day, c: run to the end, q: quit -- ", terminator: "")
        fflush(nil)
        switch readLine()?.trimmingCharacters(in: .whitespaces).lowercased() {
        case nil, "c": waiting = false
        case "q": return
        default: break
        }
      }
      print("")
      print(walkthrough.dayText(day, style: style))
    }
    print("")
    print(walkthrough.summaryText(style: style))
  }

  /// Whether to colour: `auto` colours a terminal (not a dumb one) unless NO_COLOR is
  /// set to anything but the empty string (no-color.org). Rainbow does the colouring,
  /// told the decision, so that its own detection (which reads NO_COLOR=0 as unset)
  /// does not differ from the option's.
  static func colours(_ choice: ColorChoice, environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
    switch choice {
    case .always: return true
    case .never: return false
    case .auto:
      let term = environment["TERM"] ?? ""
      return isatty(STDOUT_FILENO) != 0 && !term.isEmpty && term != "dumb" && (environment["NO_COLOR"] ?? "").isEmpty
    }
  }

  static func styler(_ choice: ColorChoice) -> Walkthrough.Styler {
    let on = colours(choice)
    Rainbow.enabled = on
    Rainbow.outputTarget = on ? .console : .unknown
    guard on else { return Walkthrough.plain }
    return { text, role in
      switch role {
      case .title: text.bold
      case .heading: text.bold.blue
      case .applied: text.green
      case .refused: text.red.bold
      case .deadline: text.magenta.bold
      case .passed: text.green
      case .failed: text.red.bold
      case .finding: text.yellow.bold
      case .cleared: text.cyan
      case .code: text.bold
      case .note: text.dim
      }
    }
  }
}
