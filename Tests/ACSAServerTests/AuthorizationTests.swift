import ACSADomain
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@testable import ACSAServer

/// One action as a team or control would record it on the exercise's opening order
/// PH-0001 (provider MBLT-4 of PH, receiver ARDB of JP), as JSON for the API and as a
/// form's fields; who may record it.
struct ActionCase: Sendable, CustomStringConvertible {
  let name: String
  let json: String
  let form: [(String, String)]
  /// The accounts that may record it (the others get 403).
  let allowed: Set<String>
  /// A team's signature, held until the other party's comes (202, nothing written yet).
  var waitsForTeams = false
  var description: String { name }

  static let day = "2026-10-05"

  static func event(_ body: String) -> String { "{\"date\": \"\(day)\", \(body)}" }

  static let all: [ActionCase] = [
    ActionCase(
      name: "order (JP receives)",
      json: event(
        "\"order\": {\"id\": \"JP-REQ-1\", \"activity\": \"KAMANDAG-10\", \"provider\": \"MBLT-4\", \"receiver\": \"ARDB\", \"settlement\": \"cash\", \"lines\": [{\"item\": \"RATION\", \"qty\": 10}], \"signed\": false}"
      ),
      form: [
        ("order.id", "JP-REQ-1"), ("order.activity", "KAMANDAG-10"), ("order.provider", "MBLT-4"), ("order.receiver", "ARDB"),
        ("order.settlement", "cash"), ("order.lines[0].item", "RATION"), ("order.lines[0].qty", "10"), ("order.signed", "false"),
      ],
      allowed: ["jp", "control"]),
    ActionCase(
      name: "sign (for the team's own party)", json: "", form: [], allowed: ["jp", "ph", "control"], waitsForTeams: true),
    ActionCase(
      name: "deliver", json: event("\"deliver\": {\"order\": \"PH-0001\", \"lines\": [{\"item\": \"BILLET\", \"qty\": 100}]}"),
      form: [("deliver.order", "PH-0001"), ("deliver.lines[0].item", "BILLET"), ("deliver.lines[0].qty", "100")],
      allowed: ["ph", "control"]),
    ActionCase(
      name: "claim", json: event("\"claim\": {\"order\": \"PH-0001\"}"), form: [("claim.order", "PH-0001")], allowed: ["ph", "control"]),
    ActionCase(
      name: "invoice", json: event("\"invoice\": {\"order\": \"PH-0001\"}"), form: [("invoice.order", "PH-0001")],
      allowed: ["ph", "control"]),
    ActionCase(
      name: "pay", json: event("\"pay\": {\"order\": \"PH-0001\", \"amount\": \"PHP 1000.00\"}"),
      form: [("pay.order", "PH-0001"), ("pay.amount", "PHP 1000.00")], allowed: ["jp", "control"]),
    ActionCase(
      name: "return", json: event("\"return\": {\"order\": \"PH-0001\", \"lines\": [{\"item\": \"BILLET\", \"qty\": 1}]}"),
      form: [("return.order", "PH-0001"), ("return.lines[0].item", "BILLET"), ("return.lines[0].qty", "1")],
      allowed: ["jp", "control"]),
    ActionCase(
      name: "exchange", json: event("\"exchange\": {\"order\": \"PH-0001\", \"lines\": [{\"item\": \"RATION\", \"qty\": 1}]}"),
      form: [("exchange.order", "PH-0001"), ("exchange.lines[0].item", "RATION"), ("exchange.lines[0].qty", "1")],
      allowed: ["jp", "control"]),
    ActionCase(
      name: "transfer",
      json: event(
        "\"transfer\": {\"order\": \"PH-0002\", \"lines\": [{\"item\": \"RATION\", \"qty\": 1}], \"to\": \"a third party\", \"consent\": \"LTR-1\"}"
      ),
      form: [
        ("transfer.order", "PH-0002"), ("transfer.lines[0].item", "RATION"), ("transfer.lines[0].qty", "1"),
        ("transfer.to", "a third party"), ("transfer.consent", "LTR-1"),
      ],
      allowed: ["jp", "control"]),
    ActionCase(
      name: "convert", json: event("\"convert\": {\"order\": \"PH-0001\"}"), form: [("convert.order", "PH-0001")],
      allowed: ["ph", "control"]),
    ActionCase(
      name: "offset", json: event("\"offset\": {\"amount\": \"PHP 10.00\"}"), form: [("offset.amount", "PHP 10.00")], allowed: ["control"]),
    ActionCase(
      name: "expect",
      json: event("\"expect\": {\"outstanding\": {\"debtor\": \"JP\", \"creditor\": \"PH\", \"cash\": \"PHP 0.00\"}}"),
      form: [("expect.outstanding.debtor", "JP"), ("expect.outstanding.creditor", "PH"), ("expect.outstanding.cash", "PHP 0.00")],
      allowed: ["control"]),
    ActionCase(
      name: "a lapse (pay recorded in PH's book only)",
      json: event("\"books\": [\"PH\"], \"pay\": {\"order\": \"PH-0001\", \"amount\": \"PHP 10.00\"}"),
      form: [("books", "PH"), ("pay.order", "PH-0001"), ("pay.amount", "PHP 10.00")], allowed: ["control"]),
    ActionCase(
      name: "close", json: event("\"close\": {\"order\": \"PH-0001\"}"), form: [("close.order", "PH-0001")], allowed: ["ph", "control"]),
    ActionCase(
      name: "cancel", json: event("\"cancel\": {\"order\": \"PH-0001\"}"), form: [("cancel.order", "PH-0001")], allowed: ["jp", "control"]),
  ]

  /// The signature case for `account`: its own party's signature on PH-0002 (both, for control).
  static func sign(for account: String) -> (json: String, form: [(String, String)]) {
    switch account {
    case "jp":
      (
        event("\"sign\": {\"order\": \"PH-0002\", \"signed_by\": {\"JP\": \"ARDB-G4\"}}"),
        [("sign.order", "PH-0002"), ("sign.signed_by.JP", "ARDB-G4")]
      )
    case "ph":
      (
        event("\"sign\": {\"order\": \"PH-0002\", \"signed_by\": {\"PH\": \"MBLT4-S4\"}}"),
        [("sign.order", "PH-0002"), ("sign.signed_by.PH", "MBLT4-S4")]
      )
    default:
      (
        event("\"sign\": {\"order\": \"PH-0002\", \"signed_by\": {\"JP\": \"ARDB-G4\", \"PH\": \"MBLT4-S4\"}}"),
        [("sign.order", "PH-0002"), ("sign.signed_by.JP", "ARDB-G4"), ("sign.signed_by.PH", "MBLT4-S4")]
      )
    }
  }
}

enum Route: String, Sendable, CaseIterable {
  case api, form
}

/// PH-0002: an unsigned order (MBLT-4 provides rations to ARDB), recorded by control.
func placeUnsignedOrder(_ f: Fixture, _ client: any TestClientProtocol) async throws {
  let control = try await f.session("control")
  let response = try await client.execute(
    uri: "/api/events", method: .post, headers: control.api,
    body: ByteBuffer(
      string: ActionCase.event(
        "\"order\": {\"id\": \"PH-0002\", \"activity\": \"KAMANDAG-10\", \"provider\": \"MBLT-4\", \"receiver\": \"ARDB\", \"settlement\": \"cash\", \"lines\": [{\"item\": \"RATION\", \"qty\": 100}], \"signed\": false}"
      )))
  #expect(response.status == .ok, "\(response.text)")
}

@Suite("Who may do what: each account × each action")
struct AuthorizationTests {
  @Test(
    "each action is allowed to its party's team and control, and 403 with nothing written for the other team",
    arguments: ["jp", "ph", "control"], Route.allCases)
  func matrix(account: String, route: Route) async throws {
    try await Fixture.run { f, client in
      try await placeUnsignedOrder(f, client)
      let me = try await f.session(account)
      for action in ActionCase.all {
        var json = action.json
        var form = action.form
        if action.waitsForTeams { (json, form) = ActionCase.sign(for: account) }
        let before = try await f.state()
        let response: TestResponse
        switch route {
        case .api:
          response = try await client.execute(uri: "/api/events", method: .post, headers: me.api, body: ByteBuffer(string: json))
        case .form:
          response = try await client.execute(uri: "/events", method: .post, headers: me.form, body: formBody(form + [("csrf", me.csrf)]))
        }
        let after = try await f.state()
        if !action.allowed.contains(account) {
          #expect(response.status == .forbidden, "\(account) \(action) via \(route): \(response.status) \(response.text.prefix(300))")
          #expect(after.digest == before.digest && after.events == before.events, "\(account) \(action): nothing written")
          if route == .api { #expect(try response.json()["error"] as? String == "forbidden") }
          if route == .form { #expect(response.text.contains("Not yours to record")) }
        } else if action.waitsForTeams && account != "control" {
          #expect(response.status == .accepted, "\(account) \(action) via \(route): \(response.status) \(response.text)")
          #expect(after.digest == before.digest, "a lone signature waits for the other party's")
        } else {
          #expect(response.status == .ok, "\(account) \(action) via \(route): \(response.status) \(response.text.prefix(300))")
          #expect(after.events > before.events, "\(account) \(action): logged")
          // (Expectations are logged, outside the hash chains.)
          if action.name != "expect" { #expect(after.digest != before.digest, "\(account) \(action): chained") }
        }
      }
    }
  }

  @Test("a team signs for its own party only", arguments: ["jp", "ph"])
  func signForOther(account: String) async throws {
    try await Fixture.run { f, client in
      try await placeUnsignedOrder(f, client)
      let me = try await f.session(account)
      let (other, signatory) = account == "jp" ? ("PH", "MBLT4-S4") : ("JP", "ARDB-G4")
      let before = try await f.state()
      let response = try await client.execute(
        uri: "/api/events", method: .post, headers: me.api,
        body: ByteBuffer(string: ActionCase.event("\"sign\": {\"order\": \"PH-0002\", \"signed_by\": {\"\(other)\": \"\(signatory)\"}}")))
      #expect(response.status == .forbidden)
      #expect(
        try response.json()["message"] as? String
          == "\(account.uppercased())'s team signs for \(account.uppercased()) only, not for \(other)")
      #expect(try await f.state().digest == before.digest)
    }
  }

  @Test("a team cannot act on an order its book does not hold")
  func notInBook() async throws {
    try await Fixture.run { f, client in
      let control = try await f.session("control")
      // Control records an order in PH's book only: JP's office never heard of it.
      let lapse = try await client.execute(
        uri: "/api/events", method: .post, headers: control.api,
        body: ByteBuffer(
          string: ActionCase.event(
            "\"books\": [\"PH\"], \"order\": {\"id\": \"PH-0009\", \"activity\": \"KAMANDAG-10\", \"provider\": \"MBLT-4\", \"receiver\": \"ARDB\", \"settlement\": \"cash\", \"lines\": [{\"item\": \"RATION\", \"qty\": 10}]}"
          )))
      #expect(lapse.status == .ok, "\(lapse.text)")
      let jp = try await f.session("jp")
      let before = try await f.state()
      let pay = try await client.execute(
        uri: "/api/events", method: .post, headers: jp.api,
        body: ByteBuffer(string: ActionCase.event("\"pay\": {\"order\": \"PH-0009\", \"amount\": \"PHP 10.00\"}")))
      #expect(pay.status == .forbidden)
      #expect(try pay.json()["message"] as? String == "the order is not in JP's book")
      #expect(try await f.state().digest == before.digest)
      // PH's office holds it: its team may deliver.
      let ph = try await f.session("ph")
      let deliver = try await client.execute(
        uri: "/api/events", method: .post, headers: ph.api,
        body: ByteBuffer(string: ActionCase.event("\"deliver\": {\"order\": \"PH-0009\"}")))
      #expect(deliver.status == .ok)
    }
  }

  @Test("only control runs the clock", arguments: ["jp", "ph"])
  func clockIsControls(account: String) async throws {
    try await Fixture.run { f, client in
      let me = try await f.session(account)
      let before = try await f.state()
      let form = try await client.execute(
        uri: "/clock", method: .post, headers: me.form, body: formBody([("csrf", me.csrf), ("date", "2026-10-06")]))
      #expect(form.status == .forbidden)
      let api = try await client.execute(
        uri: "/api/clock", method: .post, headers: me.api, body: ByteBuffer(string: "{\"date\": \"2026-10-06\"}"))
      #expect(api.status == .forbidden)
      #expect(try await f.exercise.snapshot().clock.description == "2026-10-05")
      #expect(try await f.state().digest == before.digest)
    }
  }
}
