import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@testable import ACSAServer

/// `GET /api/state`: what each account may see, as JSON, with figures computed by hand;
/// and the one shape of every error the server answers.
@Suite("The JSON state and the errors' shape")
struct StateTests {
  /// Posts one event through the API as `who`.
  static func post(_ client: any TestClientProtocol, _ who: Client, _ json: String) async throws -> TestResponse {
    try await client.execute(uri: "/api/events", method: .post, headers: who.api, body: ByteBuffer(string: json))
  }

  static func state(_ client: any TestClientProtocol, _ who: Client) async throws -> [String: Any] {
    let r = try await client.execute(uri: "/api/state", method: .get, headers: who.headers)
    #expect(r.status == .ok)
    return try r.json()
  }

  static func books(_ state: [String: Any]) throws -> [[String: Any]] {
    try #require(state["books"] as? [[String: Any]])
  }

  @Test("a team's state is its own book: owed, orders, deadlines, events (PH-0001 by hand)")
  func teamState() async throws {
    try await Fixture.run { f, client in
      let ph = try await f.session("ph")
      let jp = try await f.session("jp")
      // PH-0001: 840 person-nights of billeting, provided by PH (MBLT-4) to JP (ARDB), cash.
      // Delivered on 2026-10-05 with a receipt: JP owes PH 840 × PHP 1,500.00 (PH's own
      // price) = PHP 1,260,000.00, due 12 calendar months after delivery: 2027-10-05.
      for event in [
        "{\"date\": \"2026-10-05\", \"deliver\": {\"order\": \"PH-0001\", \"receipt\": true}}",
        "{\"date\": \"2026-10-05\", \"invoice\": {\"order\": \"PH-0001\"}}",
      ] {
        let r = try await Self.post(client, ph, event)
        #expect(r.status == .ok, "\(r.text)")
        #expect(try r.json()["outcome"] as? String == "applied", "\(r.text)")
      }
      // JP pays PHP 260,000.00 of it: PHP 1,000,000.00 remains.
      let pay = try await Self.post(
        client, jp, "{\"date\": \"2026-10-05\", \"pay\": {\"order\": \"PH-0001\", \"amount\": \"PHP 260000.00\"}}")
      #expect(pay.status == .ok, "\(pay.text)")

      for (who, party) in [(ph, "PH"), (jp, "JP")] {
        let state = try await Self.state(client, who)
        #expect(state["role"] as? String == "team \(party)")
        #expect(state["reconciliation"] == nil && state["findings"] == nil, "control's reading is control's")
        let books = try Self.books(state)
        #expect(books.count == 1, "a team sees its own book only")
        let book = try #require(books.first)
        #expect(book["book"] as? String == party)
        let owed = try #require(book["owed"] as? [[String: Any]])
        #expect(owed.count == 1)
        #expect(owed.first?["debtor"] as? String == "JP" && owed.first?["creditor"] as? String == "PH")
        #expect(owed.first?["kind"] as? String == "cash" && owed.first?["commodity"] as? String == "PHP")
        #expect(owed.first?["units"] as? Int == 100_000_000)
        #expect(owed.first?["amount"] as? String == "PHP 1,000,000.00")
        let deadlines = try #require(book["deadlines"] as? [[String: Any]])
        #expect(deadlines.count == 1)
        #expect(deadlines.first?["order"] as? String == "PH-0001")
        #expect(deadlines.first?["deadline"] as? String == "2027-10-05")
        #expect(deadlines.first?["units"] as? Int == 100_000_000)
        #expect(deadlines.first?["passed"] as? Bool == false)
        let orders = try #require(book["orders"] as? [[String: Any]])
        #expect(orders.count == 1)
        #expect(orders.first?["order"] as? String == "PH-0001")
        #expect(orders.first?["provider"] as? String == "MBLT-4" && orders.first?["receiver"] as? String == "ARDB")
        #expect(orders.first?["lines"] as? [String] == ["840 BILLET"])
        #expect(orders.first?["signed"] as? Bool == true && orders.first?["deliveries"] as? Int == 1)
        #expect(orders.first?["status"] as? String == "delivered")
        let events = try #require(book["events"] as? [[String: Any]])
        #expect(events.map { $0["action"] as? String } == ["order", "deliver", "invoice", "pay"])
      }
    }
  }

  @Test("a signature waiting for the other party's shows in both teams' states")
  func waitingSignature() async throws {
    try await Fixture.run { f, client in
      let jp = try await f.session("jp")
      let ph = try await f.session("ph")
      let order =
        "{\"date\": \"2026-10-05\", \"order\": {\"id\": \"JP-REQ-9\", \"activity\": \"KAMANDAG-10\", \"provider\": \"MBLT-4\", \"receiver\": \"ARDB\", \"settlement\": \"cash\", \"lines\": [{\"item\": \"RATION\", \"qty\": 10}], \"signed\": false}}"
      #expect(try await Self.post(client, jp, order).status == .ok)
      let sign = try await Self.post(
        client, jp, "{\"date\": \"2026-10-05\", \"sign\": {\"order\": \"JP-REQ-9\", \"signed_by\": {\"JP\": \"ARDB-G4\"}}}")
      #expect(sign.status == .accepted, "\(sign.text)")
      for who in [jp, ph] {
        let orders = try #require(try Self.books(try await Self.state(client, who)).first?["orders"] as? [[String: Any]])
        let order = try #require(orders.first { $0["order"] as? String == "JP-REQ-9" })
        #expect(order["signed"] as? Bool == false)
        #expect(order["signed_waiting"] as? [String] == ["JP"])
        #expect(order["status"] as? String == "requested")
      }
    }
  }

  @Test("control's state: both books, their reconciliation and the findings; a lapse shows in all three")
  func controlState() async throws {
    try await Fixture.run { f, client in
      let control = try await f.session("control")
      let agreed = try await Self.state(client, control)
      #expect(try Self.books(agreed).map { $0["book"] as? String } == ["JP", "PH"])
      let before = try #require(agreed["reconciliation"] as? [String: Any])
      #expect(before["agree"] as? Bool == true)
      #expect(before["books"] as? [String] == ["JP", "PH"])
      // A delivery recorded in PH's book only.
      let lapse = try await Self.post(
        client, control, "{\"date\": \"2026-10-05\", \"books\": [\"PH\"], \"deliver\": {\"order\": \"PH-0001\", \"receipt\": true}}")
      #expect(lapse.status == .ok, "\(lapse.text)")
      let state = try await Self.state(client, control)
      let reconciliation = try #require(state["reconciliation"] as? [String: Any])
      #expect(reconciliation["agree"] as? Bool == false)
      let differing = try #require(reconciliation["orders"] as? [[String: Any]])
      #expect(differing.map { $0["order"] as? String } == ["PH-0001"])
      let findings = try #require(state["findings"] as? [[String: Any]])
      #expect(findings.contains { $0["code"] as? String == "book_mismatch" && $0["order"] as? String == "PH-0001" })
      let books = try Self.books(state)
      let jpOwed = try #require(books.first { $0["book"] as? String == "JP" }?["owed"] as? [[String: Any]])
      let phOwed = try #require(books.first { $0["book"] as? String == "PH" }?["owed"] as? [[String: Any]])
      #expect(jpOwed.isEmpty, "JP's book has no delivery")
      #expect(phOwed.first?["units"] as? Int == 126_000_000, "PH's book: 840 × PHP 1,500.00")

      // An event addressed to PH's book alone, refused: PH's team sees it, JP's does not.
      let refused = try await Self.post(
        client, control,
        "{\"date\": \"2026-10-05\", \"books\": [\"PH\"], \"pay\": {\"order\": \"PH-0001\", \"amount\": \"PHP 9999999.00\"}}")
      #expect(try refused.json()["outcome"] as? String == "refused", "\(refused.text)")
      let seq = try #require((try refused.json()["events"] as? [[String: Any]])?.last?["seq"] as? Int)
      for (name, sees) in [("ph", true), ("jp", false)] {
        let events = try #require(
          try Self.books(try await Self.state(client, try await f.session(name))).first?["events"] as? [[String: Any]])
        #expect(events.contains { $0["seq"] as? Int == seq } == sees, "\(name)")
      }
    }
  }

  @Test("every error has one shape and a stable code")
  func errorShape() async throws {
    try await Fixture.run { f, client in
      func expectError(_ r: TestResponse, _ status: HTTPResponse.Status, _ code: String, sourceLocation: SourceLocation = #_sourceLocation)
        throws
      {
        #expect(r.status == status, "\(r.status) \(r.text)", sourceLocation: sourceLocation)
        #expect(r.headers[.contentType] == "application/json", "\(r.status)", sourceLocation: sourceLocation)
        let json = try r.json()
        #expect(json["error"] as? String == code, "\(r.text)", sourceLocation: sourceLocation)
        #expect((json["message"] as? String)?.isEmpty == false, sourceLocation: sourceLocation)
        #expect(json["problems"] is [Any], sourceLocation: sourceLocation)
      }
      try expectError(try await client.execute(uri: "/api/state", method: .get), .unauthorized, "sign_in_required")
      try expectError(try await client.execute(uri: "/nowhere", method: .get), .notFound, "not_found")
      let jp = try await f.session("jp")
      try expectError(
        try await client.execute(uri: "/api/events", method: .post, headers: jp.headers, body: ByteBuffer(string: "{}")), .forbidden,
        "csrf_token")
      try expectError(try await client.execute(uri: "/control/fragment", method: .get, headers: jp.headers), .forbidden, "forbidden")
      try expectError(
        try await client.execute(uri: "/api/clock", method: .post, headers: jp.api, body: ByteBuffer(string: "{\"date\": \"2026-10-06\"}")),
        .forbidden, "forbidden")
      try expectError(
        try await client.execute(
          uri: "/api/events", method: .post, headers: jp.api, body: ByteBuffer(string: String(repeating: " ", count: 70_000))),
        .contentTooLarge, "too_large")
      try expectError(
        try await client.execute(
          uri: "/api/login", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: "[]")),
        .badRequest, "bad_input")
      let control = try await f.session("control")
      try expectError(
        try await client.execute(
          uri: "/api/clock", method: .post, headers: control.api, body: ByteBuffer(string: "{\"date\": \"2026-10-01\"}")),
        .conflict, "before_clock")
    }
  }
}
