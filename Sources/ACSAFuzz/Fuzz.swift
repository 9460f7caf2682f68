import ACSADomain
import ACSAScenario
import ACSASimulation
import Foundation

/// The scenario loader's fuzz target, for libFuzzer (`scripts/fuzz`): any bytes are
/// loaded as a scenario file, under small limits; a scenario that loads is replayed
/// (its generated events included) into a sink that keeps nothing. Nothing may crash,
/// hang or run out of memory: every input ends as a scenario or as diagnostics.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
  FuzzTarget.check(bytes)
  return 0
}

enum FuzzTarget {
  static let limits = ScenarioLimits(
    maximumFileSize: 1 << 20, maximumDepth: 64, maximumAliasedNodes: 100_000, maximumGeneratedOrders: 2_000)

  static func check(_ bytes: [UInt8]) {
    let scenario: Scenario
    do throws(ScenarioErrors) {
      scenario = try ScenarioLoader.parse(bytes: bytes, file: "fuzz.yaml", limits: limits)
    } catch {
      // Every diagnostic has a place or says why it has none.
      for d in error.diagnostics where d.message.isEmpty { fatalError("a diagnostic without a message") }
      return
    }
    var sink = NullSink()
    if let stream = try? Generation.stream(for: scenario, seed: scenario.seed) {
      _ = try? Engine.run(scenario, stream: stream, into: &sink)
    }
  }
}

/// Keeps nothing of a run.
struct NullSink: RunSink {
  mutating func record(_ event: EventRecord) throws {}
  mutating func post(_ entries: [JournalEntry]) throws {}
}

#if ACSA_FUZZ
  /// libFuzzer's driver, which the fuzzer build links (`-sanitize=fuzzer`).
  @_silgen_name("LLVMFuzzerRunDriver")
  func runDriver(
    _ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
  ) -> Int32

  /// The executable's entry point (SwiftPM links `main` to `<module>_main`).
  @_cdecl("ACSAFuzz_main")
  public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var arguments = argv
    return runDriver(&count, &arguments, fuzzOne)
  }
#else
  /// Without the fuzzer, the target reads files given as arguments (a crash reproducer,
  /// a corpus entry) and checks each, as the fuzzer would.
  @main
  enum FuzzFiles {
    static func main() {
      for path in CommandLine.arguments.dropFirst() {
        guard let data = FileManager.default.contents(atPath: path) else {
          print("cannot read \(path)")
          continue
        }
        FuzzTarget.check(Array(data))
        print("ok: \(path)")
      }
    }
  }
#endif
