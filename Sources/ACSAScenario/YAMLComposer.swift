import ACSADomain
import Yams

/// Composes the YAML text into a `Node` tree with marks, turning Yams' errors into
/// diagnostics.
///
/// Yams refuses a mapping with a duplicate key as a whole (it throws, with the mark of the
/// first occurrence), which would hide every other error of the file. So on that error the
/// first occurrence's key is renamed in a copy of the text (one character replaced by a
/// private-use character, so that no line or column moves) and the text is composed again;
/// `NodeReader` maps the renamed key back to its original text and reports the duplicate
/// at the second occurrence, like any other duplicate key.
enum YAMLComposer {
  struct Result {
    /// nil when the text could not be composed (see `diagnostics`) or is empty.
    var node: Node?
    var renamedKeys: [TextPosition: String] = [:]
    var diagnostics: [Diagnostic] = []
  }

  /// More renames than this and the duplicate keys are reported without the rest.
  static let maximumRenames = 256
  static let privateUseBase: UInt32 = 0xE000

  static func compose(_ text: String, file: String) -> Result {
    var scalars = Array(text.unicodeScalars)
    var renamed: [TextPosition: String] = [:]
    var current = text
    while true {
      do {
        let node = try Yams.compose(yaml: current)
        return Result(node: node, renamedKeys: renamed)
      } catch let YamlError.duplicatedKeysInMapping(duplicates, context) {
        let position = TextPosition(context.mark)
        let key = duplicates.first ?? ""
        guard renamed.count < maximumRenames, renamed[position] == nil,
          let replacement = Unicode.Scalar(privateUseBase + UInt32(renamed.count)),
          let index = renameIndex(of: position, key: key, in: scalars)
        else {
          // Reported where Yams found it, without the rest of the file.
          let message = "duplicate key '\(key)' in a mapping"
          return Result(
            node: nil,
            diagnostics: [Diagnostic(file: file, line: position.line, column: position.column, message: message)])
        }
        scalars[index] = replacement
        renamed[position] = key
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        current = String(view)
      } catch let error as YamlError {
        return Result(node: nil, diagnostics: [diagnostic(error, text: text, file: file)])
      } catch {
        return Result(
          node: nil,
          diagnostics: [Diagnostic(file: file, line: 0, column: 0, message: "cannot read the YAML: \(error)")])
      }
    }
  }

  /// The index of the scalar to replace so that the key at `position` changes without
  /// moving anything, or nil when that cannot be done safely (anchors, tags, escapes).
  static func renameIndex(of position: TextPosition, key: String, in scalars: [Unicode.Scalar]) -> Int? {
    guard let start = index(of: position, in: scalars), start < scalars.count else { return nil }
    let first = scalars[start]
    let next = start + 1 < scalars.count ? scalars[start + 1] : nil
    switch first {
    case "\"":
      guard let next, next != "\"", next != "\\", !isBreak(next) else { return nil }
      return start + 1
    case "'":
      guard let next, next != "'", !isBreak(next) else { return nil }
      return start + 1
    default:
      // A plain key: the text at the mark must be the key itself.
      guard key.unicodeScalars.first == first else { return nil }
      return start
    }
  }

  static func isBreak(_ s: Unicode.Scalar) -> Bool {
    s == "\n" || s == "\r" || s == "\u{85}" || s == "\u{2028}" || s == "\u{2029}"
  }

  /// The index of the scalar at a 1-based line and column, counted as libyaml counts them
  /// (a leading byte order mark is not counted; CR LF is one line break).
  static func index(of position: TextPosition, in scalars: [Unicode.Scalar]) -> Int? {
    var line = 1
    var column = 1
    var i = scalars.first == "\u{FEFF}" ? 1 : 0
    while i < scalars.count {
      if line == position.line && column == position.column { return i }
      if line > position.line { return nil }
      let s = scalars[i]
      if s == "\r", i + 1 < scalars.count, scalars[i + 1] == "\n" {
        i += 1
      }
      if isBreak(s) {
        line += 1
        column = 1
      } else {
        column += 1
      }
      i += 1
    }
    return nil
  }

  /// One diagnostic for a YAML error, at its line and column.
  static func diagnostic(_ error: YamlError, text: String, file: String) -> Diagnostic {
    func context(_ c: YamlError.Context?) -> String {
      guard let c else { return "" }
      return " (\(c.text) at line \(c.mark.line), column \(c.mark.column))"
    }
    switch error {
    case .scanner(let c, let problem, let mark, _), .parser(let c, let problem, let mark, _),
      .composer(let c, let problem, let mark, _):
      return Diagnostic(
        file: file, line: mark.line, column: mark.column, message: "yaml syntax error: \(problem)\(context(c))")
    case .reader(let problem, let offset, _, _):
      let position = offset.map { self.position(ofCharacterOffset: $0, in: text) } ?? TextPosition(line: 1, column: 1)
      return Diagnostic(
        file: file, line: position.line, column: position.column, message: "yaml syntax error: \(problem)")
    default:
      return Diagnostic(file: file, line: 0, column: 0, message: "cannot read the YAML: \(error)")
    }
  }

  /// The line and column of a character offset (as Yams reports reader errors).
  static func position(ofCharacterOffset offset: Int, in text: String) -> TextPosition {
    var line = 1
    var column = 1
    for (i, character) in text.enumerated() {
      if i >= offset { break }
      if character.isNewline {
        line += 1
        column = 1
      } else {
        column += character.unicodeScalars.count
      }
    }
    return TextPosition(line: line, column: column)
  }
}
