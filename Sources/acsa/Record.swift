import ACSADomain
import ACSALive
import ACSAPostgres
import ACSAReports
import ACSAScenario
import ACSAServer
import ArgumentParser
import Foundation

struct Record: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Record events in an existing ledger, one transaction each, as an office keeps its book.",
    discussion: """
      Reads EVENTS, a YAML file holding one event (a mapping: `date`, one action, and \
      optionally `id` and `books`) or a list of them, written as a scenario's `events` \
      are, and records them in order. Each goes through the same rules as `acsa run`: \
      applied, or refused with its code and the rule; a refused event is logged too, and \
      enters no book. Each event is one transaction that appends its rows to the ledger \
      with the hash chains continued: `acsa verify` passes after each, and a process \
      killed at any moment leaves the ledger as it was before the event or after it.

      The ledger must verify first (nothing is appended to a ledger that does not), and \
      hold both books. Its clock is the last day it has processed: events are dated on \
      or after it; a later date first moves the clock there, with the deadline \
      processing of each day in between, as a replay does. A ledger written by \
      `acsa run` stands at its scenario's end; `acsa run --clock DATE` writes one that \
      stands at DATE, to be continued here or by `acsa serve`. `--advance-to DATE` moves \
      the clock alone.

      Exit status: 0 when every event is applied (or every expectation passes), 1 when \
      one is refused or fails, 2 on bad input (the file, a date before the clock or \
      after the end, a ledger that does not verify), 3 when the ledger cannot be \
      written (another acsa holds it, a full disk).
      """)

  @Argument(
    help:
      "A ledger of both books (from `acsa run`, `acsa serve` or an earlier `acsa record`): a file, or postgres://USER@HOST/DATABASE?ledger=NAME."
  )
  var ledger: String

  @Argument(help: "A YAML file of one event or a list of events ('-' reads standard input).")
  var events: String?

  @Option(help: ArgumentHelp("Move the clock to this day (deadline processing of each day up to it).", valueName: "YYYY-MM-DD"))
  var advanceTo: String?

  @Flag(help: "Print JSON: each logged event with its outcome, then the digest and the clock.")
  var json = false

  func validate() throws {
    if events == nil && advanceTo == nil { throw ValidationError("give a file of events to record, or --advance-to DATE") }
    if let advanceTo, Day(text: advanceTo) == nil { throw ValidationError("--advance-to: '\(advanceTo)' is not a date (YYYY-MM-DD)") }
  }

  struct RecordJSON: Codable {
    let ledger: String
    let events: [RecordText.EventJSON]
    let digest: String
    let clock: String
  }

  func run() throws {
    // A ledger in PostgreSQL: held, copied out, each event PostgreSQL's too.
    var onClose: @Sendable () -> Void = {}
    let live: LiveLedger
    var shown = ledger
    if PostgresLocation.isURL(ledger) {
      let location = try PostgresLocation(url: ledger)
      shown = location.description  // without its password
      (live, _, onClose) = try ExerciseSetup.openLive(postgres: location, create: nil)
    } else {
      live = try LiveLedger(path: ledger)
    }
    defer {
      try? live.close()
      onClose()
    }
    var logged: [EventRecord] = []
    if let events {
      let parsed: [ScenarioEvent]
      if events == "-" {
        let text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        parsed = try ScenarioLoader.parseEvents(text: text, file: "<stdin>", context: live.eventContext)
      } else {
        parsed = try ScenarioLoader.loadEvents(path: events, context: live.eventContext)
      }
      for event in parsed {
        let appended = try live.record(event)
        logged += appended.records
        if !json {
          // Said once it is committed, and at once: a line printed is an event recorded.
          for line in RecordText.render(appended.records) { print(line) }
          fflush(nil)
        }
      }
    }
    if let day = advanceTo.flatMap({ Day(text: $0) }) {
      let appended = try live.advance(to: day)
      logged += appended.records
      if !json { for line in RecordText.render(appended.records) { print(line) } }
    }
    if json {
      print(
        try Output.json(
          RecordJSON(ledger: shown, events: logged.map(RecordText.EventJSON.init), digest: live.digest, clock: live.clock.description)))
    } else {
      print("\(shown): clock \(live.clock), ledger_digest \(live.digest)")
    }
    if logged.contains(where: { $0.outcome == .refused || $0.outcome == .expectFailed }) { throw Exit.somethingToReport }
  }
}
