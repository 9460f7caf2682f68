import Foundation
import Testing

@testable import ACSALedger

/// The bounded queue between the engine's thread and the database's: order, back
/// pressure, closing, stopping, the digest hand-back and the recycling of batches.
@Suite("Batch channel")
struct BatchChannelTests {
  static func batch(_ n: Int) -> RowBatch {
    var b = RowBatch()
    b.int(n)
    return b
  }

  static func number(_ b: RowBatch) -> Int? {
    guard case .int(let n) = b.values.first else { return nil }
    return Int(n)
  }

  /// Waits (up to 10 s) until `condition` holds.
  static func eventually(_ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(10)
    while !condition() {
      if Date() > deadline { return false }
      Thread.sleep(forTimeInterval: 0.005)
    }
    return true
  }

  @Test("batches arrive in the order sent, across threads, and receive ends once the channel is closed")
  func order() {
    let channel = BatchChannel(depth: 3)
    let producer = Thread {
      for k in 0..<200 { try? channel.send(Self.batch(k)) }
      channel.close()
    }
    producer.start()
    var received: [Int] = []
    while var b = channel.receive() {
      received.append(Self.number(b) ?? -1)
      channel.recycle(&b)
    }
    #expect(received == Array(0..<200))
    #expect(channel.receive().map(\.isEmpty) == nil, "a closed, drained channel stays empty")
  }

  @Test("a sender waits while `depth` batches are in flight, and goes on when one is taken")
  func backPressure() {
    let channel = BatchChannel(depth: 2)
    let sent = Counter()
    Thread {
      for k in 0..<3 {
        try? channel.send(Self.batch(k))
        sent.add()
      }
    }.start()
    #expect(Self.eventually { sent.value == 2 })
    Thread.sleep(forTimeInterval: 0.1)
    #expect(sent.value == 2, "the third send must wait for room")
    #expect(channel.receive().flatMap(Self.number) == 0)
    #expect(Self.eventually { sent.value == 3 })
  }

  @Test("stop wakes a waiting sender with PipelineStopped, drops the queue, and fails the wait for the digest")
  func stop() {
    let channel = BatchChannel(depth: 1)
    let outcome = Counter()
    Thread {
      do {
        try channel.send(Self.batch(0))
        try channel.send(Self.batch(1))  // waits: the queue is full
      } catch is PipelineStopped {
        outcome.add()
      } catch {}
    }.start()
    Thread.sleep(forTimeInterval: 0.05)
    channel.stop()
    #expect(Self.eventually { outcome.value == 1 })
    #expect(throws: PipelineStopped.self) { try channel.send(Self.batch(2)) }
    #expect(throws: PipelineStopped.self) { try channel.awaitDigest() }
    channel.close()
    #expect(channel.receive().map(\.isEmpty) == nil, "a stopped channel holds no batch")
  }

  @Test("the digest the consumer delivers is the one the producer waits for")
  func digest() throws {
    let channel = BatchChannel()
    Thread {
      Thread.sleep(forTimeInterval: 0.02)
      channel.deliver(digest: "abc")
    }.start()
    #expect(try channel.awaitDigest() == "abc")
  }

  @Test("a recycled batch comes back empty with the storage it grew; at most depth + 2 are kept")
  func recycling() {
    let big = String(repeating: "x", count: 2 << 20)  // more than a new batch reserves
    let channel = BatchChannel(depth: 1)
    var b = Self.batch(7)
    b.text(big)
    channel.recycle(&b)
    let again = channel.emptyBatch()
    #expect(again.isEmpty && again.values.isEmpty && again.text.isEmpty)
    #expect(again.text.capacity >= 2 << 20, "the spare batch is the recycled one")
    #expect(channel.emptyBatch().text.capacity < 2 << 20, "no spare left: a new batch")
    for _ in 0..<10 {
      var x = RowBatch()
      x.text(big)
      channel.recycle(&x)
    }
    var reused = 0
    for _ in 0..<10 where channel.emptyBatch().text.capacity >= 2 << 20 { reused += 1 }
    #expect(reused == channel.depth + 2)
  }
}

/// A counter shared with a test's thread.
final class Counter: @unchecked Sendable {
  private let lock = NSLock()
  private var n = 0
  var value: Int { lock.withLock { n } }
  func add() { lock.withLock { n += 1 } }
}
