import ACSADomain
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@testable import ACSAServer

/// A form with one bad field, the field the 400 must name, and words of its message.
struct BadField: Sendable, CustomStringConvertible {
  let fields: [(String, String)]
  let field: String
  let says: String
  var description: String { field.isEmpty ? "(the event)" : field }
}

@Suite("Bad input: 400 naming the field, nothing written")
struct BadInputTests {
  static let pay = [("pay.order", "PH-0001")]
  static let order: [(String, String)] = [
    ("order.id", "JP-0100"), ("order.activity", "KAMANDAG-10"), ("order.provider", "MBLT-4"), ("order.receiver", "ARDB"),
    ("order.settlement", "cash"), ("order.lines[0].item", "RATION"), ("order.lines[0].qty", "10"),
  ]

  static func replacing(_ fields: [(String, String)], _ name: String, with value: String) -> [(String, String)] {
    fields.map { $0.0 == name ? ($0.0, value) : $0 }
  }

  static let cases: [BadField] = [
    BadField(fields: pay + [("pay.amount", "PHP abc")], field: "pay.amount", says: "abc"),
    BadField(fields: pay + [("pay.amount", "PHP 10.001")], field: "pay.amount", says: "10.001"),
    BadField(fields: [("pay.order", "NOPE"), ("pay.amount", "PHP 10.00")], field: "pay.order", says: "NOPE"),
    BadField(fields: [("pay.amount", "PHP 10.00")], field: "pay.order", says: "missing"),
    BadField(fields: replacing(order, "order.lines[0].qty", with: "-3"), field: "order.lines[0].qty", says: "-3"),
    BadField(fields: replacing(order, "order.lines[0].qty", with: "many"), field: "order.lines[0].qty", says: "many"),
    BadField(fields: replacing(order, "order.lines[0].item", with: "RIFLE"), field: "order.lines[0].item", says: "RIFLE"),
    BadField(fields: replacing(order, "order.provider", with: "NOBODY"), field: "order.provider", says: "NOBODY"),
    BadField(fields: replacing(order, "order.settlement", with: "barter"), field: "order.settlement", says: "barter"),
    BadField(fields: replacing(order, "order.activity", with: "NOPE"), field: "order.activity", says: "NOPE"),
    BadField(fields: replacing(order, "order.id", with: "PH-0001"), field: "order.id", says: "already in the ledger"),
    BadField(fields: replacing(order, "order.lines[0].qty", with: "0"), field: "order.lines[0].qty", says: "0"),
    BadField(fields: [("deliver.order", "PH-0001"), ("deliver.receipt", "maybe")], field: "deliver.receipt", says: "maybe"),
    BadField(fields: [("sign.order", "PH-0001"), ("sign.signed_by.JP", "NOBODY")], field: "sign.signed_by.JP", says: "NOBODY"),
    BadField(fields: pay + [("pay.amount", "PHP 10.00"), ("pay.colour", "red")], field: "pay.colour", says: "colour"),
    BadField(fields: pay + [("pay.amount", "PHP 10.00"), ("date", "2026-10-09")], field: "date", says: "clock"),
    BadField(fields: pay + [("pay.amount", "PHP 10.00"), ("pay amount", "1")], field: "pay amount", says: "not a field"),
    BadField(fields: pay + [("pay.amount", String(repeating: "9", count: 5000))], field: "pay.amount", says: "longer than 4096"),
    BadField(fields: pay + [("pay.amount", "PHP 10.00"), ("claim.order", "PH-0001")], field: "", says: "one"),
    BadField(fields: [], field: "", says: "action"),
  ]

  @Test("a form with a bad field", arguments: cases)
  func form(_ bad: BadField) async throws {
    try await Fixture.run { f, client in
      let control = try await f.session("control")
      let before = try await f.state()
      let r = try await client.execute(
        uri: "/events", method: .post, headers: control.form, body: formBody([("csrf", control.csrf)] + bad.fields))
      #expect(r.status == .badRequest, "\(r.text.prefix(400))")
      let flash = try #require(r.text.range(of: "<div class=\"flash bad\" id=\"outcome\">").map { r.text[$0.upperBound...] })
      let first = String(flash.prefix { $0 != "\n" }.prefix(800))
      if bad.field.isEmpty {
        #expect(first.hasPrefix("<p>") && !first.hasPrefix("<p><span class=\"code\">"), "\(first)")
      } else {
        #expect(first.hasPrefix("<p><span class=\"code\">\(bad.field)</span>: "), "\(first)")
      }
      #expect(first.contains(bad.says), "\(first)")
      let after = try await f.state()
      #expect(after.digest == before.digest && after.events == before.events)
    }
  }

  @Test("the API: malformed JSON, a date off the clock, a bad field, a list of events")
  func api() async throws {
    try await Fixture.run { f, client in
      let control = try await f.session("control")
      let before = try await f.state()
      func post(_ body: String) async throws -> TestResponse {
        try await client.execute(uri: "/api/events", method: .post, headers: control.api, body: ByteBuffer(string: body))
      }
      let malformed = try await post("{\"date\": \"2026-10-05\", \"pay\": ")
      #expect(malformed.status == .badRequest)
      #expect(try malformed.json()["error"] as? String == "bad_input")
      let offClock = try await post("{\"date\": \"2026-10-09\", \"pay\": {\"order\": \"PH-0001\", \"amount\": \"PHP 1.00\"}}")
      #expect(offClock.status == .badRequest)
      #expect(try offClock.problemFields() == ["date"])
      let amount = try await post("{\"date\": \"2026-10-05\", \"pay\": {\"order\": \"PH-0001\", \"amount\": \"PHP -1.00\"}}")
      #expect(amount.status == .badRequest)
      #expect(try amount.problemFields() == ["pay.amount"])
      let two = try await post(
        "[{\"date\": \"2026-10-05\", \"claim\": {\"order\": \"PH-0001\"}}, {\"date\": \"2026-10-05\", \"claim\": {\"order\": \"PH-0001\"}}]"
      )
      #expect(two.status == .badRequest)
      #expect(try two.json()["message"] as? String == "one event per request (a mapping with a date and one action)")
      let big = try await post("{\"date\": \"2026-10-05\", \"x\": \"\(String(repeating: "a", count: 70_000))\"}")
      #expect(big.status == .contentTooLarge)
      let after = try await f.state()
      #expect(after.digest == before.digest && after.events == before.events)
    }
  }
}
