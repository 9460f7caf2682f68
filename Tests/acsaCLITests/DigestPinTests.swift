import Foundation
import Testing

/// The version rule of format 1.4: a file without `scenario.format` keeps its 1.3 meaning,
/// so every 1.3 file gives, byte for byte, the ledger it gave before 1.4 existed. The
/// digests below were computed by the build before 1.4 (commit 3d7f681); the two
/// scenarios that opted in to 1.4 are pinned too, so that a change to them is seen.
@Suite("ledger_digest of every shipped scenario and fixture, pinned")
struct DigestPinTests {
  static let pinned: [(file: String, format: String, digest: String)] = [
    ("scenarios/auditor-training.yaml", "1.3", "5ae72b4d51faa266f3fe36405d6f58df005b84d1ae9e43285ac24b427df4160b"),
    ("scenarios/maritime-mca-2026.yaml", "1.3", "f311bf315780d409259933c43716f86286a36cd83f8ca3e3b18908e2c4ce37d0"),
    ("scenarios/programme-2027.yaml", "1.3", "7c257291d7cb83316623d15a4a433fab79117d68809954057dd1e5bdb81ed0bd"),
    ("scenarios/teaching-no-offset.yaml", "1.3", "94102b4abb9db940d33c96c6b0c193454b2cd71e1cb3c38b4ae875d547a9f702"),
    ("scenarios/teaching-refusals.yaml", "1.3", "c2fd63ec97410c071db3f6c944ad1fff3a6c0e591f9530a1c3d8889ca3d0cc73"),
    ("scenarios/typhoon-relief-2026.yaml", "1.3", "5521c39d85013ff63d6377e88f6375cf6aeb0cabdf850d0d7e167169954f4014"),
    ("Tests/acsaCLITests/Fixtures/calendar-end.yaml", "1.3", "27fd99fa4b80809008354f5a38360b2d1eab6d68403371509721fc94f3023f1f"),
    // The same KAMANDAG file before it opted in to 1.4 gave
    // 953096c5066417e5aa19547a866707c7ca9138ee1004047f961bd7ac39bdcd04.
    ("scenarios/kamandag-2026.yaml", "1.4", "e52dcfb1b10d453522b30067a315e39cb5752e8848e46d0bafe950c4822262cc"),
    ("scenarios/relief-leap-year-2028.yaml", "1.4", "508af9943e7df0d34452a08bc47e27eeecb002cb3c01dc881e066f97d533347b"),
    ("scenarios/live-exercise-2026.yaml", "1.4", "32acb4c6d77f067581efca82de1f9f1f02d6f079b626e519e135606abbb9fb3b"),
  ]

  @Test("each file's ledger_digest", arguments: pinned.map { $0.file })
  func digest(_ file: String) throws {
    let pin = try #require(Self.pinned.first { $0.file == file })
    let tmp = try CLI.tempDir()
    let out = try CLI.run(["run", CLI.packageRoot.appendingPathComponent(file).path, "--db", "l.sqlite", "--json"], in: tmp)
    #expect(out.status == 0, "\(out.stderr)")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
    #expect(json["ledger_digest"] as? String == pin.digest, "\(file) (format \(pin.format))")
  }

  @Test("every scenario in scenarios/ is pinned")
  func everyScenario() throws {
    let names = try FileManager.default.contentsOfDirectory(atPath: CLI.packageRoot.appendingPathComponent("scenarios").path)
      .filter { $0.hasSuffix(".yaml") }
    for name in names { #expect(Self.pinned.contains { $0.file == "scenarios/" + name }, "\(name) has no pinned digest") }
  }
}
