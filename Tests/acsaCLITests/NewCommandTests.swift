import Foundation
import Testing

@Suite("acsa new")
struct NewCommandTests {
  @Test("new, then validate and run: all exit 0 and every expectation passes")
  func starterRuns() throws {
    let tmp = try CLI.tempDir()
    let new = try CLI.run(["new", "exercise.yaml"], in: tmp)
    #expect(new.status == 0, "\(new.stderr)")
    #expect(new.stdout.contains("Wrote exercise.yaml"))
    let text = try String(contentsOf: tmp.appendingPathComponent("exercise.yaml"), encoding: .utf8)
    #expect(text.contains("name: \"exercise: starter exercise\""))
    #expect(text.contains("scenario-format.md") && text.contains("docs/tutorial.md"))

    let validate = try CLI.run(["validate", "exercise.yaml"], in: tmp)
    #expect(validate.status == 0, "\(validate.stderr)")
    #expect(validate.stdout.contains("valid"))
    let run = try CLI.run(["run", "exercise.yaml"], in: tmp)
    #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
    #expect(run.stdout.contains("Expectations: 5 passed, 0 failed"))
    #expect(run.stdout.contains("0 refused"))
    #expect(FileManager.default.fileExists(atPath: tmp.appendingPathComponent("exercise.sqlite").path))
    let audit = try CLI.run(["audit", "exercise.sqlite"], in: tmp)
    #expect(audit.status == 0, "\(audit.stdout)")
  }

  @Test("refuses to overwrite without --force; --force replaces a scenario, and nothing else")
  func overwrite() throws {
    let tmp = try CLI.tempDir()
    let path = tmp.appendingPathComponent("mine.yaml")
    let mine = "# my own work\nscenario:\n  name: mine\n"
    try mine.write(to: path, atomically: true, encoding: .utf8)
    let refused = try CLI.run(["new", "mine.yaml"], in: tmp)
    #expect(refused.status == 3)
    #expect(refused.stderr.contains("mine.yaml already exists") && refused.stderr.contains("--force"))
    #expect(try String(contentsOf: path, encoding: .utf8) == mine)

    // A file that is not a scenario is never replaced, --force or not.
    try "my notes\n".write(to: tmp.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
    let notes = try CLI.run(["new", "notes.txt", "--force"], in: tmp)
    #expect(notes.status == 3)
    #expect(
      notes.stderr
        == "acsa: error: notes.txt is a text file, not a YAML scenario: nothing was written. acsa replaces only a YAML scenario there; choose another path, or move the file away yourself\n"
    )
    #expect(try String(contentsOf: tmp.appendingPathComponent("notes.txt"), encoding: .utf8) == "my notes\n")
    try FileManager.default.removeItem(at: tmp.appendingPathComponent("notes.txt"))

    let forced = try CLI.run(["new", "mine.yaml", "--force"], in: tmp)
    #expect(forced.status == 0)
    let starter = try String(contentsOf: path, encoding: .utf8)
    #expect(starter.hasPrefix("# yaml-language-server: $schema=scenario.schema.json\n# A starter scenario"), "\(starter.prefix(120))")
    // Nothing but the file: no temporary left beside it.
    #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.path) == ["mine.yaml"])
  }

  @Test("a file name that needs quoting in YAML still gives a valid scenario; a missing folder is an error")
  func names() throws {
    let tmp = try CLI.tempDir()
    let odd = "we\"ird: #1 \\ name.yaml"
    #expect(try CLI.run(["new", odd], in: tmp).status == 0)
    let validate = try CLI.run(["validate", odd], in: tmp)
    #expect(validate.status == 0, "\(validate.stderr)")
    #expect(validate.stdout.contains("we\"ird: #1 \\ name: starter exercise"))
    let missing = try CLI.run(["new", "no/such/folder/x.yaml"], in: tmp)
    #expect(missing.status == 3)
    #expect(missing.stderr == "acsa: error: cannot write no/such/folder/x.yaml: the folder no/such/folder does not exist\n")
    let directory = try CLI.run(["new", "."], in: tmp)
    #expect(directory.status == 64 && directory.stderr.contains(". is a folder"))
  }
}
