import ACSAReports
import CSV
import Foundation
import Testing

/// `acsa export --format csv|json`: the KAMANDAG ledger read back with CSV.swift and
/// JSONSerialization, checked against figures computed by hand from the scenario.
@Suite("Export to CSV and JSON")
struct ExportTablesTests {
  /// A CSV file read back as its header and rows of name -> field.
  struct Table {
    let header: [String]
    let rows: [[String: String]]

    func rows(book: String) -> [[String: String]] { rows.filter { $0["book"] == book } }
  }

  static func read(_ url: URL) throws -> Table {
    let stream = try #require(InputStream(url: url))
    let reader = try CSVReader(stream: stream, hasHeaderRow: true)
    let header = try #require(reader.headerRow)
    var rows: [[String: String]] = []
    while let row = reader.next() {
      #expect(row.count == header.count, "\(url.lastPathComponent): \(row)")
      rows.append(Dictionary(uniqueKeysWithValues: zip(header, row).map { ($0, $1) }))
    }
    return Table(header: header, rows: rows)
  }

  /// Runs a ledger through `export --format csv` into `dir` and reads every file back.
  static func exportCSV(_ ledger: String, in tmp: URL, dir: String = "csv", extra: [String] = []) throws -> [String: Table] {
    let out = try CLI.run(["export", ledger, "--format", "csv", "-o", dir] + extra, in: tmp)
    #expect(out.status == 0, "\(out.stderr)")
    var tables: [String: Table] = [:]
    for table in ExportTable.allCases {
      tables[table.rawValue] = try read(tmp.appendingPathComponent(dir).appendingPathComponent(table.fileName))
    }
    return tables
  }

  /// A decimal text as integer units with `digits` fractional digits: "441000.00" -> 44100000.
  static func units(_ text: String?, digits: Int) -> Int64? {
    guard let text, !text.isEmpty else { return nil }
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    let fraction = parts.count == 2 ? String(parts[1]) : ""
    guard fraction.count <= digits else { return nil }
    return Int64(String(parts[0]) + fraction + String(repeating: "0", count: digits - fraction.count))
  }

  static let digits = ["JPY": 0, "PHP": 2]

  @Test("every file: BOM, CRLF after every row, the documented header")
  func encoding() throws {
    let (tmp, _) = try CLI.kamandagLedger()
    _ = try Self.exportCSV("k.sqlite", in: tmp)
    for table in ExportTable.allCases {
      let data = try Data(contentsOf: tmp.appendingPathComponent("csv").appendingPathComponent(table.fileName))
      #expect(data.prefix(3) == Data([0xEF, 0xBB, 0xBF]), "\(table.fileName) starts with a byte-order mark")
      let bytes = [UInt8](data)
      let lineFeeds = bytes.indices.filter { bytes[$0] == 0x0A }
      #expect(!lineFeeds.isEmpty)
      #expect(lineFeeds.allSatisfy { $0 > 0 && bytes[$0 - 1] == 0x0D }, "\(table.fileName): every line ends in CRLF")
      #expect(bytes.suffix(2) == [0x0D, 0x0A], "\(table.fileName): the last row ends in CRLF")
      let header = String(decoding: data.dropFirst(3), as: UTF8.self).components(separatedBy: "\r\n").first
      #expect(header == table.columnNames.joined(separator: ","))
    }
  }

  @Test("KAMANDAG: orders, deliveries, settlements and obligations as computed by hand")
  func kamandagRows() throws {
    let (tmp, _) = try CLI.kamandagLedger()
    let t = try Self.exportCSV("k.sqlite", in: tmp)
    let orders = try #require(t["orders"])
    let deliveries = try #require(t["deliveries"])
    let settlements = try #require(t["settlements"])
    let obligations = try #require(t["obligations"])

    // Four orders in each book, in the order they were made.
    #expect(orders.rows.count == 8)
    #expect(orders.rows(book: "JP").map { $0["order"] ?? "" } == ["PH-0001", "PH-0002", "JP-0001", "JP-0002"])
    let billets = try #require(orders.rows(book: "PH").first { $0["order"] == "PH-0001" })
    #expect(billets["date"] == "2026-10-05")
    #expect(billets["provider"] == "PH" && billets["provider_unit"] == "MBLT-4")
    #expect(billets["receiver"] == "JP" && billets["receiver_unit"] == "ARDB")
    #expect(billets["settlement"] == "cash" && billets["lines"] == "840 BILLET")
    #expect(billets["signed"] == "yes" && billets["status"] == "settled")

    // Five deliveries (one line each) per book, by date.
    #expect(deliveries.rows.count == 10)
    let jpDeliveries = deliveries.rows(book: "JP")
    #expect(jpDeliveries.map { $0["date"] ?? "" } == ["2026-10-07", "2026-10-10", "2026-10-12", "2026-10-19", "2026-10-19"])
    #expect(jpDeliveries.map { $0["order"] ?? "" } == ["JP-0001", "JP-0002", "PH-0002", "PH-0001", "PH-0002"])
    // Diesel lent in kind: 8,000 L x JPY 150 = JPY 1,200,000; deadline 2026-10-07 + 365 days.
    let diesel = jpDeliveries[0]
    #expect(diesel["item"] == "DIESEL" && diesel["quantity"] == "8000" && diesel["unit"] == "L")
    #expect(diesel["kind"] == "in_kind" && diesel["value"] == "1200000" && diesel["currency"] == "JPY")
    #expect(diesel["deadline"] == "2027-10-07" && diesel["billed_on"] == "" && diesel["scenario_line"] == "94")
    // 12,000 rounds x JPY 120 = JPY 1,440,000.
    #expect(jpDeliveries[1]["value"] == "1440000" && jpDeliveries[1]["quantity"] == "12000")
    // The first half of the rations: 1,260 x PHP 350.00 = PHP 441,000.00, billed on
    // delivery (billing auto), due 30 days later.
    let rations = jpDeliveries[2]
    #expect(rations["quantity"] == "1260" && rations["value"] == "441000.00" && rations["currency"] == "PHP")
    #expect(rations["delivery"] == "1" && rations["billed_on"] == "2026-10-12" && rations["due_on"] == "2026-11-11")
    // Billets: 840 x PHP 1,500.00 = PHP 1,260,000.00, due 2026-11-18.
    #expect(jpDeliveries[3]["value"] == "1260000.00" && jpDeliveries[3]["due_on"] == "2026-11-18")
    #expect(jpDeliveries[4]["delivery"] == "2" && jpDeliveries[4]["value"] == "441000.00")

    // Settlements, per book: the billets paid, the rations paid in one payment that
    // settles both deliveries (oldest first), the diesel and 10,000 rounds returned, the
    // 2,000 rounds converted on the day after their deadline and paid.
    #expect(settlements.rows.count == 14)
    let ph = settlements.rows(book: "PH")
    #expect(ph.map { $0["method"] ?? "" } == ["payment", "payment", "payment", "return", "return", "conversion", "payment"])
    #expect(ph.map { $0["amount"] ?? "" } == ["1260000.00", "441000.00", "441000.00", "", "", "240000", "240000"])
    #expect(ph.map { $0["quantity"] ?? "" } == ["", "", "", "8000", "10000", "2000", ""])
    #expect(ph[1]["date"] == "2026-11-25" && ph[1]["order"] == "PH-0002" && ph[1]["scenario_line"] == "114")
    #expect(ph[3]["item"] == "DIESEL" && ph[3]["debtor"] == "PH" && ph[3]["creditor"] == "JP")
    let conversion = ph[5]
    #expect(conversion["date"] == "2027-10-11" && conversion["action"] == "deadline_convert")
    #expect(conversion["scenario_line"] == "" && conversion["currency"] == "JPY" && conversion["into_obligation"] != "")
    #expect(ph.allSatisfy { $0["applied"] == "yes" })

    // Obligations: five deliveries and the cash claim the deadline created, per book;
    // nothing open at the end of the run.
    #expect(obligations.rows.count == 12)
    let claim = try #require(obligations.rows(book: "JP").first { $0["converted_from"] != "" })
    #expect(claim["kind"] == "cash" && claim["item"] == "556-BALL" && claim["value"] == "240000")
    #expect(claim["created_on"] == "2027-10-11" && claim["deadline"] == "2027-10-10" && claim["due_on"] == "2027-11-10")
    #expect(claim["settled_on"] == "2027-11-05" && claim["state"] == "settled")
    let rounds = try #require(obligations.rows(book: "JP").first { $0["obligation"] == claim["converted_from"] })
    #expect(rounds["kind"] == "in_kind" && rounds["quantity"] == "12000" && rounds["open_quantity"] == "0")
    #expect(rounds["state"] == "converted" && rounds["converted_on"] == "2027-10-11")
    #expect(obligations.rows.allSatisfy { $0["state"] != "open" })
  }

  /// Open obligations summed per book, debtor, creditor, kind and commodity, less what a
  /// book could not apply: in the units of `acsa balance --json`.
  static func openTotals(_ t: [String: Table]) throws -> [String: Int64] {
    var totals: [String: Int64] = [:]
    for row in try #require(t["obligations"]).rows {
      let inKind = row["kind"] == "in_kind"
      let commodity = (inKind ? row["item"] : row["currency"]) ?? ""
      let units = inKind ? Self.units(row["open_quantity"], digits: 3) : Self.units(row["open_amount"], digits: Self.digits[commodity] ?? 0)
      let open = try #require(units)
      guard open != 0 else { continue }
      totals["\(row["book"]!)|\(row["debtor"]!)|\(row["creditor"]!)|\(row["kind"]!)|\(commodity)", default: 0] += open
    }
    for row in try #require(t["settlements"]).rows where row["applied"] == "no" {
      let commodity = row["currency"] ?? ""
      let credit = try #require(Self.units(row["amount"], digits: Self.digits[commodity] ?? 0))
      totals["\(row["book"]!)|\(row["debtor"]!)|\(row["creditor"]!)|\(row["kind"]!)|\(commodity)", default: 0] -= credit
    }
    return totals.filter { $0.value != 0 }
  }

  static func balanceTotals(_ ledger: String, in tmp: URL) throws -> [String: Int64] {
    let out = try CLI.run(["balance", ledger, "--json"], in: tmp)
    let json = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
    var totals: [String: Int64] = [:]
    for row in try #require(json["totals"] as? [[String: Any]]) {
      let key = ["book", "debtor", "creditor", "kind", "commodity"].map { row[$0] as? String ?? "" }.joined(separator: "|")
      totals[key] = (row["units"] as? NSNumber)?.int64Value
    }
    return totals
  }

  @Test(
    "open obligations in the CSV total what acsa balance --json says",
    arguments: ["kamandag-2026.yaml", "auditor-training.yaml", "programme-2027.yaml"])
  func openTotalsMatchBalance(scenario: String) throws {
    let tmp = try CLI.tempDir()
    #expect(try CLI.run(["run", CLI.scenario(scenario), "--db", "l.sqlite"], in: tmp).status == 0)
    let fromCSV = try Self.openTotals(try Self.exportCSV("l.sqlite", in: tmp))
    let fromBalance = try Self.balanceTotals("l.sqlite", in: tmp)
    #expect(fromCSV == fromBalance)
    if scenario == "auditor-training.yaml" {
      // 3,000 L of diesel, PHP 425,000.00 of berthing, and in PH's book only 24,000 L
      // of Jet A-1 whose return JP alone recorded.
      #expect(fromCSV["JP|PH|JP|in_kind|DIESEL"] == 3_000_000)
      #expect(fromCSV["PH|JP|PH|cash|PHP"] == 42_500_000)
      #expect(fromCSV["PH|JP|PH|in_kind|JET-A1"] == 24_000_000)
      #expect(fromCSV["JP|JP|PH|in_kind|JET-A1"] == nil)
    }
  }

  /// KAMANDAG with the billets' delivery lost from JP's book and an event id that needs
  /// quoting: JP's book cannot apply the payment and shows it as a credit.
  static func lostRecordLedger() throws -> URL {
    let tmp = try CLI.tempDir()
    let source = try String(contentsOfFile: CLI.scenario("kamandag-2026.yaml"), encoding: .utf8)
      .replacingOccurrences(
        of: "  - date: 2026-10-19\n    deliver: { order: PH-0001 }",
        with: "  - date: 2026-10-19\n    books: [PH]\n    deliver: { order: PH-0001 }"
      )
      .replacingOccurrences(
        of: "  - date: 2026-11-10\n    pay:",
        with: "  - date: 2026-11-10\n    id: \"pay \\\"billets\\\", PH-0001; second part\"\n    pay:")
    try source.write(to: tmp.appendingPathComponent("lost.yaml"), atomically: true, encoding: .utf8)
    #expect(try CLI.run(["run", "lost.yaml"], in: tmp).status == 1)
    return tmp
  }

  @Test("a settlement a book could not apply: a row with applied = no, and the totals still agree")
  func unappliedCredit() throws {
    let tmp = try Self.lostRecordLedger()
    let t = try Self.exportCSV("lost.sqlite", in: tmp)
    let unapplied = try #require(t["settlements"]).rows.filter { $0["applied"] == "no" }
    #expect(unapplied.count == 1)
    let credit = try #require(unapplied.first)
    #expect(credit["book"] == "JP" && credit["order"] == "PH-0001" && credit["obligation"] == "")
    #expect(credit["amount"] == "1260000.00" && credit["currency"] == "PHP")
    // A comma, quotes and a line end survive the round trip through CSV.swift.
    #expect(credit["event_id"] == "pay \"billets\", PH-0001; second part")
    #expect(try Self.openTotals(t) == (try Self.balanceTotals("lost.sqlite", in: tmp)))
    #expect(try Self.openTotals(t)["JP|JP|PH|cash|PHP"] == -126_000_000)
  }

  @Test("CSVText quotes commas, quotes and line ends, and CSV.swift reads them back")
  func quoting() throws {
    let rows = [["plain", "a,b", "say \"hi\"", "two\nlines", "cr\r\nlf", "", "trailing "]]
    let data = CSVText.byteOrderMark + (try CSVText.encode(rows))
    let text = String(decoding: data.dropFirst(3), as: UTF8.self)
    #expect(text == "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\r\nlf\",,trailing \r\n")
    let reader = try CSVReader(stream: InputStream(data: data), hasHeaderRow: false)
    #expect(reader.next() == rows[0])
  }

  @Test("--book PH: only PH's rows, in CSV and JSON")
  func oneBook() throws {
    let (tmp, _) = try CLI.kamandagLedger()
    let t = try Self.exportCSV("k.sqlite", in: tmp, extra: ["--book", "PH"])
    for (name, table) in t {
      #expect(!table.rows.isEmpty, "\(name)")
      #expect(table.rows.allSatisfy { $0["book"] == "PH" }, "\(name)")
    }
    let out = try CLI.run(["export", "k.sqlite", "--format", "json", "--book", "PH"], in: tmp)
    let json = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
    #expect(json["books"] as? [String] == ["PH"])
    for table in ExportTable.allCases {
      let rows = try #require(json[table.rawValue] as? [[String: Any]])
      #expect(rows.count == t[table.rawValue]?.rows.count)
      #expect(rows.allSatisfy { $0["book"] as? String == "PH" })
    }
    let bad = try CLI.run(["export", "k.sqlite", "--format", "csv", "-o", "x", "--book", "US"], in: tmp)
    #expect(bad.status != 0 && bad.stderr.contains("'US' is not a party of this ledger"))
  }

  @Test("JSON: parses, sorted keys, the same rows and numbers as the CSV files")
  func json() throws {
    let (tmp, _) = try CLI.kamandagLedger()
    let t = try Self.exportCSV("k.sqlite", in: tmp)
    let out = try CLI.run(["export", "k.sqlite", "--format", "json", "-o", "k.json"], in: tmp)
    #expect(out.status == 0, "\(out.stderr)")
    let data = try Data(contentsOf: tmp.appendingPathComponent("k.json"))
    let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(
      json["ledger_digest"] as? String
        == (try CLI.sqlite(tmp.appendingPathComponent("k.sqlite").path, "SELECT value FROM meta WHERE key = 'ledger_digest'")))
    #expect(json["scenario"] as? String == "KAMANDAG 2026 bilateral training")
    // Top-level keys appear in sorted order.
    let text = String(decoding: data, as: UTF8.self)
    let keys = ["books", "deliveries", "ledger", "ledger_digest", "obligations", "orders", "scenario", "settlements"]
    let positions = keys.compactMap { text.range(of: "\n  \"\($0)\": ")?.lowerBound }
    #expect(positions.count == keys.count && positions == positions.sorted())
    for table in ExportTable.allCases {
      let rows = try #require(json[table.rawValue] as? [[String: Any]])
      let csv = try #require(t[table.rawValue])
      #expect(rows.count == csv.rows.count, "\(table)")
      for (row, csvRow) in zip(rows, csv.rows) {
        #expect(Set(row.keys) == Set(table.columnNames))
        for column in table.columnNames {
          let value = row[column]
          let field = csvRow[column] ?? ""
          if let money = value as? [String: Any], let minor = money["minor_units"] as? NSNumber {
            let currency = money["currency"] as? String ?? ""
            #expect(Self.units(field, digits: Self.digits[currency] ?? 0) == minor.int64Value, "\(table).\(column)")
            #expect(money["decimal"] as? String == field)
          } else if let quantity = value as? [String: Any], let milli = quantity["thousandths"] as? NSNumber {
            #expect(Self.units(field, digits: 3) == milli.int64Value, "\(table).\(column)")
          } else if value is NSNull {
            #expect(field == "", "\(table).\(column)")
          } else if field == "yes" || field == "no" {
            #expect(value as? Bool == (field == "yes"), "\(table).\(column)")
          } else if let number = value as? NSNumber {
            #expect(field == number.stringValue, "\(table).\(column)")
          } else if let string = value as? String {
            #expect(field == string, "\(table).\(column)")
          }
        }
      }
    }
    // A payment in JSON: integer minor units with the currency and a formatted string.
    let settlements = try #require(json["settlements"] as? [[String: Any]])
    let billets = try #require(settlements.first { $0["order"] as? String == "PH-0001" })
    let amount = try #require(billets["amount"] as? [String: Any])
    #expect((amount["minor_units"] as? NSNumber)?.int64Value == 126_000_000)
    #expect(amount["currency"] as? String == "PHP" && amount["formatted"] as? String == "PHP 1,260,000.00")
  }

  @Test("a failed export leaves the directory's previous files whole and no temporary file")
  func failureLeavesNoHalfFile() throws {
    let (tmp, path) = try CLI.kamandagLedger()
    _ = try Self.exportCSV("k.sqlite", in: tmp)
    let dir = tmp.appendingPathComponent("csv")
    var before: [String: Data] = [:]
    for table in ExportTable.allCases { before[table.fileName] = try Data(contentsOf: dir.appendingPathComponent(table.fileName)) }
    // A ledger whose obligations table is gone: the export fails after it has begun.
    _ = try CLI.sqlite(path, "DROP VIEW open_obligations; DROP TABLE obligations")
    let out = try CLI.run(["export", "k.sqlite", "--format", "csv", "-o", "csv"], in: tmp)
    #expect(out.status == 2)
    #expect(out.stderr.contains("acsa: error:"))
    let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
    #expect(names == ExportTable.allCases.map(\.fileName).sorted())
    for table in ExportTable.allCases {
      #expect(try Data(contentsOf: dir.appendingPathComponent(table.fileName)) == before[table.fileName])
    }
  }

  @Test("--format csv needs -o DIR; --db is for sqlite only")
  func usage() throws {
    let (tmp, _) = try CLI.kamandagLedger()
    let noDir = try CLI.run(["export", "k.sqlite", "--format", "csv"], in: tmp)
    #expect(noDir.status != 0 && noDir.stderr.contains("-o DIR"))
    let db = try CLI.run(["export", "k.sqlite", "--format", "json", "--db", "x.sqlite"], in: tmp)
    #expect(db.status != 0 && db.stderr.contains("--db is for --format sqlite"))
    let help = try CLI.run(["export", "--help"], in: tmp)
    for table in ExportTable.allCases { #expect(help.stdout.contains(table.fileName)) }
  }
}
