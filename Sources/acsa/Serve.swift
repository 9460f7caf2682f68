import ACSAScenario
import ACSAServer
import ArgumentParser
import Foundation
import Hummingbird

struct Serve: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Run a live exercise: two teams play the agreement in their browsers, on one ledger.",
    discussion: """
      Starts a web server for the exercise of SCENARIO. The JP and PH teams sign in and \
      record their events in forms (each party's actions are its own: the receiver \
      orders, pays, returns, exchanges, transfers and cancels; the provider delivers, \
      claims, invoices, converts and closes; each party signs for itself); they see \
      their own book as it changes. Control (the instructor or auditor) runs the clock, \
      sees both books, the reconciliation and the findings, may act for either party or \
      record an event in one book only (a lapse), and downloads the report, the ledger \
      and the exercise as a scenario.

      Every event goes through the same rules as `acsa run` and is one transaction \
      appended to the ledger (default: the scenario's name with .sqlite): `acsa verify`, \
      `audit`, `report` and `export` read it at any moment, and a restart on the same \
      ledger resumes the exercise. A new ledger starts with the scenario's scripted \
      events, its clock on the last of their dates (the scenario may have no generators).

      --db postgres://USER@HOST:PORT/DATABASE?ledger=NAME keeps the ledger in \
      PostgreSQL instead, in a schema of its own (acsa_NAME; NAME defaults to the \
      scenario's file name): every event is PostgreSQL's before it is answered, and \
      `acsa verify`, `audit`, `balance` and `export` read the same URL. The password \
      comes from the URL or PGPASSWORD.

      Accounts: from --users FILE (JSON, bcrypt hashes; see the README), or made at the \
      first start (one per party's team and one for control) with random passwords \
      printed once, their hashes kept beside the ledger in LEDGER.users.json.

      The server listens on 127.0.0.1 unless --host says otherwise; it speaks plain \
      HTTP: on a network, put it behind a TLS proxy. Ctrl-C stops it; the ledger is \
      left whole.
      """)

  @Argument(help: "The exercise's scenario (YAML): agreement, parties, units, catalog, rates, opening events.")
  var scenario: String

  @Option(
    help: ArgumentHelp(
      "The exercise's ledger: a file (default: the scenario's file name with .sqlite), or postgres://USER@HOST:PORT/DATABASE?ledger=NAME.",
      valueName: "PATH|URL"))
  var db: String?

  @Option(help: ArgumentHelp("The address to listen on.", valueName: "ADDRESS"))
  var host = "127.0.0.1"

  @Option(help: ArgumentHelp("The port to listen on (0: any free port, printed).", valueName: "N"))
  var port = 8080

  @Option(help: ArgumentHelp("A users file: the accounts and their bcrypt password hashes.", valueName: "FILE"))
  var users: String?

  func validate() throws {
    guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
  }

  func run() throws {
    let (loaded, _) = try ScenarioInput.loadStream(scenario, seed: nil, consequence: "; nothing served")
    let ledger = db ?? Run.defaultLedgerPath(for: scenario)
    let opened = try ExerciseSetup.open(
      scenario: loaded, scenarioFile: scenario, ledger: ledger, users: users, version: ACSAVersion.current)
    if !opened.newPasswords.isEmpty {
      print("Accounts made for this exercise (the passwords are shown this once; their hashes are in \(opened.usersPath)):")
      for a in opened.newPasswords { print("  \(a.name)  \(a.role)  password: \(a.password)") }
    }
    if !["127.0.0.1", "localhost", "::1"].contains(host) {
      Output.stderr(
        "acsa: warning: listening on \(host): the exercise is reachable from the network over plain HTTP; put a TLS proxy in front of it")
    }
    let server = LiveServer(exercise: opened.exercise, accounts: opened.accounts, version: ACSAVersion.current)
    let host = self.host
    let port = self.port
    let resumed = opened.resumed
    let shown = opened.store
    let outcome = ResultBox()
    let done = DispatchSemaphore(value: 0)
    Task {
      do {
        let app = Application(
          router: server.router(), configuration: .init(address: .hostname(host, port: port), serverName: "acsa"),
          onServerRunning: { channel in
            let bound = channel.localAddress?.port ?? port
            let address = (host.contains(":") ? "[\(host)]" : host) + ":\(bound)"
            print("\(resumed ? "Resuming" : "Serving") \(shown) at " + "http" + "://" + address + "/ (Ctrl-C stops)")
            fflush(nil)
          })
        try await app.runService()
        try await opened.exercise.close()
        outcome.set(.success(()))
      } catch {
        try? await opened.exercise.close()
        outcome.set(.failure(error))
      }
      done.signal()
    }
    done.wait()
    try outcome.get()
  }
}

/// The outcome of the server's task, handed to the command's thread.
final class ResultBox: @unchecked Sendable {
  private let lock = NSLock()
  private var result: Result<Void, Error> = .success(())
  func set(_ r: Result<Void, Error>) { lock.withLock { result = r } }
  func get() throws { try lock.withLock { result }.get() }
}
