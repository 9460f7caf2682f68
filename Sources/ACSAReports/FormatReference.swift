// Written by scripts/embed-docs from docs/scenario-format.md: edit the doc, then run it.

/// The scenario format's reference, as docs/scenario-format.md has it (`acsa format`).
public enum FormatReference {
  public static let markdown = #"""
    # The scenario format

    A scenario is one YAML file: an agreement, the two parties and their units, a catalog with
    each party's own-force prices, exchange rates, the activities orders are made for, and a
    dated list of events (and, optionally, generators that add events drawn at random).
    `acsa validate` checks it, `acsa run` replays it into a ledger, `acsa explain` tells it day
    by day. This page is the reference for every key; `acsa format` prints it, and
    [scenario.schema.json](scenario.schema.json) (`acsa schema`) lets a YAML editor check and
    complete a scenario as you type. [The tutorial](tutorial.md) walks through a real one, and
    `acsa new my-exercise.yaml` writes a commented starter.

    Where this page says a rule is the agreement's, it is the agreement as the public sources
    report it ([sources.md](sources.md)); the format's own choices are marked as such, and
    `acsa glossary` says whose each rule is.

    ## At a glance

    ```yaml
    scenario:   { name: ..., start: 2026-10-01, end: 2027-12-31, format: "1.4" }   # the run
    agreement:  { id: ..., in_force: 2026-09-01, activities: [...], categories: [...] }
    parties:    { JP: { name: ..., currency: JPY }, PH: { name: ..., currency: PHP } }
    units:      [ { id: ARDB, party: JP }, ... ]
    activities: [ { id: KAMANDAG-10, type: training, start: ..., end: ... } ]
    catalog:    [ { id: F-76, category: fuel, kind: supply, unit: L, prices: [...] } ]
    rates:      [ { date: 2026-09-01, base: JPY, quote: PHP, rate: "0.3871" } ]
    events:     [ { date: 2026-10-05, order: { ... } }, ... ]
    generators: [ ... ]     # optional
    ```

    Required: `scenario`, `agreement`, `parties`, `units`, `catalog`, `events` (`activities`,
    `rates` and `generators` may be left out). No other top-level key is allowed.

    ## Versions: 1.3 and 1.4

    A file is read as version 1.3 of the format unless its `scenario` section says
    `format: "1.4"` (quoted). Version 1.4 brings the rules closer to the sources (below, marked
    *1.4*) and changes two defaults: the 12 months are counted as **calendar months**
    (`settlement_months: 12` instead of `settlement_days: 365`), and what is still owed after
    the deadline **stays owed and is flagged** (`deadline_policy: flag` instead of `convert`);
    it also adds the finding `settled_late`. A file without `format` keeps its 1.3 meaning
    exactly: every ledger it gives, and its `ledger_digest`, are what they always were. Every
    key added in 1.4 may be used in a file of either version; an unknown `format` is a static
    error. `acsa new` writes 1.4.

    | | 1.3 (no `format`) | 1.4 |
    | --- | --- | --- |
    | the deadline | delivery + `settlement_days` (365) | delivery + `settlement_months` (12) calendar months |
    | after the deadline | `deadline_policy: convert` | `deadline_policy: flag` |
    | a settlement after the deadline | nothing once settled | `settled_late`, which stays |
    | an `other` activity | allowed as is | needs `determination` |

    ## Values

    | type | written | examples | refused |
    | --- | --- | --- | --- |
    | date | `YYYY-MM-DD`, a real calendar date | `2026-10-05` | `2026-02-30`, `5 Oct 2026` |
    | amount | a quoted string `"<ISO 4217 code> <decimal>"`, no more fractional digits than the currency has (JPY 0, PHP 2, USD 2) | `"PHP 1500.00"`, `"JPY 98"` | `1500.00` (a float), `"PHP 1,500.00"`, `"JPY 98.5"` |
    | quantity | a number or a decimal string, greater than 0, at most 3 fractional digits, read from its text (never through a float) | `600`, `12.5`, `"0.125"` | `0`, `1e3`, `-5` |
    | rate | a quoted decimal string greater than 0, at most 10 fractional digits | `"0.3871"` | `0.3871` (a float) |
    | id | one line of text, no control characters; ids are compared exactly | `PH-0001`, `MBLT-4` | a tab, a line break |
    | text | names and references: one line, no control characters; a `description` may hold line breaks and tabs | `"JS Osumi"` | a NUL or an escape character |

    Money is never a float: amounts are kept as integers of the currency's minor unit (yen,
    centavos), and quantities as thousandths. Any value acsa cannot read exactly is a static
    error.

    ## `scenario`: the run

    | key | type | default | what it is |
    | --- | --- | --- | --- |
    | `name` | text | required | shown by every command |
    | `description` | text (line breaks allowed) | none | shown by `acsa explain` and the report |
    | `start` | date | required | the first simulated day |
    | `end` | date | required | the last simulated day: deadlines are processed up to it |
    | `seed` | whole number | `0` | the generators' random stream (`acsa run --seed` overrides it) |
    | `format` | `"1.3"` or `"1.4"` | `"1.3"` | the format version whose defaults apply (above) |

    ```yaml
    scenario:
      name: KAMANDAG 2026 bilateral training
      start: 2026-10-01
      end: 2027-12-31
    ```

    ## `agreement`: the terms both sides signed

    | key | type | default | what it is |
    | --- | --- | --- | --- |
    | `id` | id | required | the agreement's reference |
    | `signed` | date | none | when it was signed (shown only) |
    | `in_force` | date | required | no order may be dated before it (`not_in_force`) |
    | `activities` | list of activity types | required | the types covered, out of `training`, `pko`, `hadr`, `evacuation`, `routine`, `other` |
    | `categories` | list of categories | required | the categories covered, out of the 16 below; `weapons` can never be listed |
    | `tax_exempt` | `true` or `false` | `true` | shown in `explain` and the report (news reports call this agreement's provision tax-free; the scenario's setting) |
    | `settlement_months` | whole number ≥ 1 | `12` in 1.4 | *1.4*: each obligation's deadline is its delivery date plus this many calendar months, on the same day of the month, or the month's last day where it has fewer (delivered 2028-02-29: deadline 2029-02-28; delivered 2027-03-15: 2028-03-15). The sources' "within 12 months of delivery" |
    | `settlement_days` | whole number ≥ 1 | `365` in 1.3 | each obligation's deadline is its delivery date plus this many days (the 12 months counted in days, the 1.3 reading: across a 29 February it falls a day early). Give one of `settlement_days` and `settlement_months`, not both |
    | `payment_days` | whole number ≥ 0 | `30` | a cash bill is due this many days after it is billed, and a bill later than this after delivery is a finding (a scenario's setting: no text acsa holds sets 30 days) |
    | `claim_days` | whole number ≥ 0 | `payment_days` | *1.4*: a claim recorded more than this many days after its delivery (or not at all) is a finding, `no_claim` |
    | `billing` | `auto` or `manual` | `auto` | `auto`: a cash delivery is billed on its delivery date; `manual`: only `invoice` events bill |
    | `deadline_policy` | `convert` or `flag` | `convert` in 1.3, `flag` in 1.4 | `convert`: what is still owed in kind or in equal value becomes a cash claim on the day after its deadline, at the provider's price on the delivery date; `flag`: it stays owed, a late return or exchange is accepted, and the audit reports it. No source sets when or at what price such a conversion happens, nor forbids a late return: `convert` is a practice the scenario chooses, not a term of the agreement |
    | `offset` | `true` or `false` | `true` | whether `offset` events are allowed |
    | `payment_currency` | `provider` or `either` | `provider` | *1.4*: `provider`: cash is paid in the provider's currency; `either`: also in the receiver's, converted into the provider's at the rate in force on the payment date, rounded half to even, and applied as that amount (the ledger keeps the amount paid, the amount applied and the rate) |
    | `category_activities` | map of category to activity types | none | *1.4*: a category covered only for orders made for these activity types, e.g. `{ ammunition: [pko, hadr] }` (Japan's earlier agreements covered some categories only in some situations); otherwise `category_not_covered` |
    | `term_years` | whole number ≥ 1 | none | *1.4*: the agreement's term from `in_force` (the published texts give 10 years, renewed automatically); an order dated after it is `not_in_force` |
    | `terminated` | date | none | *1.4*: no order may be dated on or after it (`not_in_force`); what was provided before is settled and audited as usual |
    | `required_order_fields` | list of `place`, `requested_date`, `contacts`, `documents`, `signed_by` | none | *1.4*: what every delivered order must record; one that lacks any has the finding `incomplete_order` (`contacts` and `signed_by` need both parties, `documents` at least one) |

    The 16 categories: `food`, `water`, `billeting`, `transportation`, `fuel`, `clothing`,
    `communications`, `medical`, `base_support`, `storage`, `facilities`, `training_services`,
    `spare_parts`, `maintenance`, `port_services`, `ammunition`. A catalog item may also be of
    category `weapons`, which no agreement covers (`excluded_category`).

    ```yaml
    agreement:
      id: JP-PH-ACSA
      signed: 2026-01-15
      in_force: 2026-09-01
      activities: [training, pko, hadr, evacuation, routine]
      categories: [food, water, billeting, fuel, ammunition]
      settlement_days: 365
      payment_days: 30
    ```

    ## `parties`, `units`, `activities`

    `parties` has exactly two entries, keyed by their ids:

    | key | type | default | what it is |
    | --- | --- | --- | --- |
    | `name` | text | required | |
    | `currency` | ISO 4217 code | required | the party's prices and claims are in it |
    | `fiscal_year_start` | `MM-DD` | `01-01` | the audit reports each party's fiscal years from it (29 February cannot start one) |
    | `signatories` | list of `{ id, name, limit }` | none | *1.4*: the officials who may sign this party's orders; `limit` (optional) is an amount in the party's currency. An order or a `sign` naming one in `signed_by` whose limit is below the order's value is refused `over_authority` |

    `units` is a list of `{ id, party, name }` (`name` optional): who orders, provides and
    receives. `activities` is a list of `{ id, type, start, end, name, determination }` (`type`
    one of the six activity types; `start`, `end` and `name` optional, a missing bound leaves
    the period open on that side). *1.4*: an activity of type `other` needs `determination`, the
    reference of both governments' decision to cover it (earlier agreements cover "other"
    activities only on such a decision); without it, a static error.

    ```yaml
    parties:
      JP:
        name: Japan Self-Defense Forces
        currency: JPY
        fiscal_year_start: 04-01
        signatories:
          - { id: JTF-LOG, name: "Lt. Col. Mori, JTF logistics officer", limit: "JPY 3000000" }
          - { id: JTF-CDR, name: "Col. Hayashi, JTF commander" }
      PH: { name: Armed Forces of the Philippines, currency: PHP }
    units:
      - { id: ARDB, party: JP, name: "JGSDF Amphibious Rapid Deployment Brigade" }
      - { id: MBLT-4, party: PH }
    activities:
      - { id: KAMANDAG-10, type: training, start: 2026-10-05, end: 2026-10-20 }
    ```

    ## `catalog` and `rates`

    Each catalog item:

    | key | type | default | what it is |
    | --- | --- | --- | --- |
    | `id` | id | required | |
    | `name` | text | none | |
    | `category` | one of the 16 categories, or `weapons` | required | |
    | `kind` | `supply` or `service` | required | supplies settle in cash or in kind, services in cash or by equal value |
    | `unit` | text | required | the unit of a quantity (`L`, `person-night`) |
    | `equivalent_to` | item id | none | this item may be returned for the one it names (one way, not transitive) |
    | `prices` | list of `{ party, from, price }` | required | each party's own-force price from a date, in that party's currency |

    A delivery is valued at the provider's price in force on the delivery date (the latest
    `from` on or before it); there is none: `no_price`. Which price a provision is charged at is
    the format's choice: the provider's own-force price (the U.S. statute has two pricing
    principles, and the Japanese clause was not available).

    `rates` is a list of `{ date, base, quote, rate, source }` (`source` optional, shown
    wherever the rate is used): 1 `base` = `rate` `quote` from `date`. The latest rate on or
    before a day applies; base to quote multiplies, quote to base divides (exactly, rounded
    once); a direct quote on a date wins over an inverse one. Two rates with the same base,
    quote and date are an error.

    ```yaml
    catalog:
      - id: F-76
        category: fuel
        kind: supply
        unit: L
        prices:
          - { party: JP, from: 2026-04-01, price: "JPY 98" }
          - { party: PH, from: 2026-01-01, price: "PHP 52.50" }
    rates:
      - { date: 2026-09-01, base: JPY, quote: PHP, rate: "0.3871", source: "central bank reference rate" }
    ```

    ## `events`

    Each event is a mapping with a `date` (within `start..end`), exactly one action, and
    optionally an `id` (unique among events, so that an `expect` can name it) and `books`
    (`[JP]` or `[PH]`: recorded in that party's book only, a lost record the reconciliation
    finds; without it, both books). Events apply in date order, and on one date in file order.

    | action | fields | what it does |
    | --- | --- | --- |
    | `order` | `id`, `activity`, `provider` (unit), `receiver` (a unit of the other party), `settlement` (`cash`, `replacement` or `equal_value`), `lines: [{item, qty}]`, `signed` (default `true`); *1.4*, all optional: `signed_by: { JP: id, PH: id }` (signatories), `place` (text), `requested_date` (date), `contacts: { JP: text, PH: text }`, `documents: [text]` | a request, binding once signed by both sides |
    | `sign` | `order`, `signed_by` (optional, *1.4*) | both officials sign an order made with `signed: false` (after a delivery too; `unsigned_order` stays); `signed_by` names who signed, added to the order's record |
    | `cancel` | `order` | withdraws an order before anything is delivered |
    | `deliver` | `order`, `lines` (default: all that is left), `receipt` (default `true`), `claim` (default `true`) | provides; each line becomes an obligation of the receiver, valued at the provider's price that day. `receipt: false` and `claim: false` are lapses the audit finds |
    | `claim` | `order` | records the claim of deliveries made with `claim: false` (billed that day with `billing: auto`) |
    | `invoice` | `order` | bills every claimed, unbilled cash line of the order (`billing: manual`) |
    | `pay` | `order`, `amount` (in the provider's currency; with `payment_currency: either`, or the receiver's) | settles the order's open cash claims, billed or not, oldest delivery first |
    | `return` | `order`, `lines` | replacement in kind: the ordered item, or one `equivalent_to` it |
    | `exchange` | `order`, `lines` (services) | equal value: the receiver provides services of a category the order received, valued at its own price that day and converted at the day's rate |
    | `convert` | `order` | turns what is left in kind or in equal value into a cash claim at the provider's prices on the original delivery dates; it keeps the original deadline |
    | `offset` | `amount` (either party's currency) | nets the cash claims the parties hold on each other, the amount taken off each side (converted once at the day's rate), oldest delivery first |
    | `close` | `order` | marks the order closed; closing extinguishes no debt (closing with a balance is a finding) |
    | `transfer` | `order`, `lines` (supplies), `to` (a third party's name), `consent` (a reference) | passes received supplies on; balances do not change |
    | `expect` | see below | a check at the end of the date |

    ```yaml
    events:
      - date: 2026-10-05
        id: ev-1
        order: { id: PH-0001, activity: KAMANDAG-10, provider: MBLT-4, receiver: ARDB,
                 settlement: cash, lines: [ { item: BILLET, qty: 840 } ] }
      - date: 2026-10-06
        books: [PH]
        deliver: { order: PH-0001, lines: [ { item: BILLET, qty: 300 } ], receipt: false }
      - date: 2026-11-10
        pay: { order: PH-0001, amount: "PHP 1260000.00" }
    ```

    ### Refusals: what the agreement forbids

    An event that breaks the agreement is refused: it changes neither book, the log keeps it
    with a stable code, and the run goes on. The checks run in the order listed; the first
    that fails gives the code.

    | code | refused when | whose rule |
    | --- | --- | --- |
    | `same_party` | an order's provider and receiver are units of the same party | the agreement (S5, S10) |
    | `not_in_force` | an order is dated before `agreement.in_force`, after its `term_years`, or on or after `terminated` (the message says which) | the agreement (S1, S5, S7) |
    | `activity_not_covered` | an order's activity type is not in `agreement.activities` | the agreement (S4, S8); the list is the scenario's |
    | `outside_activity_period` | an order is dated outside its activity's period | the format's choice |
    | `excluded_category` | an order lists a weapon | the agreement (S3, S4, S8) |
    | `category_not_covered` | an order lists an item of a category not in `agreement.categories`, or (*1.4*) one `category_activities` covers only for other activity types | the agreement (S8); the list is the scenario's |
    | `settlement_not_allowed` | a supply by equal value, or a service by replacement | the agreement (S9) |
    | `over_authority` | *1.4*: an order or a `sign` names a signatory whose `limit` is below the order's value at the provider's prices on the order date (converted at that day's rate for the other party's signatory; no rate: `no_rate`, no price: `no_price`); nothing is recorded | the scenario's signatories (S14); the comparison is the format's choice |
    | `unknown_state` | the action does not fit the order's state: not yet ordered, refused, cancelled, closed, or signed twice | the format's choice |
    | `already_delivered` | cancelling after a delivery | the format's choice |
    | `order_cancelled` | delivering on a cancelled order | the format's choice |
    | `over_delivery` | delivering more than is left, or an item not ordered | the format's choice |
    | `no_price` | the provider has no price in force for the item that day (or, for an exchange, the receiver) | the format's choice |
    | `nothing_to_claim` | a `claim` with no unclaimed delivery | the format's choice |
    | `nothing_to_invoice` | an `invoice` with nothing claimed and unbilled | the format's choice |
    | `wrong_currency` | a payment not in the provider's currency (or, with `payment_currency: either`, the receiver's) | the format's choice |
    | `overpayment` | a payment larger than the order's open cash claims | the format's choice |
    | `return_mismatch` | returning an item that is neither ordered nor equivalent, or on an order not settled by replacement | the agreement (S9) |
    | `over_return` | returning more than is still owed in kind (the whole return is judged at once) | the agreement (S9) |
    | `exchange_wrong_category` | exchanging a supply, a service of a category the order did not receive, or on an order not settled by equal value | the agreement (S9) |
    | `no_rate` | a conversion with no rate on or before the day | the format's choice |
    | `exchange_exceeds_obligation` | an exchange worth more than the equal-value obligation left in its category | the format's choice |
    | `nothing_to_convert` | a `convert` with nothing left in kind or in equal value | the format's choice |
    | `offset_not_allowed` | an offset under `offset: false` | the scenario's setting |
    | `offset_exceeds_claims` | an offset larger than either side's open cash claims | the format's choice |
    | `transfer_without_consent` | a transfer without `consent` | the format's choice (after Japan's 2008 supply arrangements) |
    | `over_transfer` | transferring more than was delivered and not yet transferred | the format's choice |
    | `amount_out_of_range` | an amount the event computes would not fit in 64-bit minor units (an extension of the format) | the format's choice |

    Refusals are judged against what really happened (every applied event, whatever its
    `books`); the event's effects then go only to the books it names. An action on an order
    whose `order` event was refused, or comes later, is `unknown_state`.

    ## `expect`: checks at the end of a date

    ```yaml
    - date: 2026-11-30
      expect: { outstanding: { debtor: PH, creditor: JP, cash: "JPY 1960000" } }
    - date: 2026-11-30
      expect: { outstanding: { debtor: JP, creditor: PH, in_kind: { item: F-76, qty: 20000 } } }
    - date: 2026-11-30
      expect: { order: PH-0001, status: settled }
    - date: 2026-11-30
      expect: { refused: ev-17, code: excluded_category }
    - date: 2027-12-31
      expect: { findings: { overdue: 2, no_receipt: 1 } }
    ```

    `outstanding` compares what the debtor owes the creditor of one kind (`cash`, `equal_value`
    in a currency, or `in_kind: {item, qty}`), in both books (or the one `books` names); an
    amount may be 0. `status` is one of `requested`, `accepted`, `delivered`, `settled`,
    `cancelled`, `closed`, `refused`, `unrecorded`. `refused` names an event `id`. `findings`
    counts orders per finding code, as the audit would at the end of that date; a code listed
    with 0 asserts its absence. A run whose expectations all hold exits 0; a failed one prints
    expected and actual per book and exits 1 (the ledger is written either way).

    ## `generators`: events drawn at random

    ```yaml
    generators:
      - name: daily-fuel
        every: 1                       # days between firings (default 1)
        from: 2026-10-05               # default: scenario.start
        to: 2026-10-20                 # default: scenario.end
        count: 3                       # orders per firing (default 1)
        order:
          activity: KAMANDAG-10
          provider: ARDB
          receiver: MBLT-4
          settlement: { cash: 0.5, replacement: 0.5 }     # a method, or weights
          lines: [ { item: F-76, qty: { uniform: [5000, 20000] } } ]   # a number, uniform or poisson
        deliver_after: 0               # days: a number, { uniform: [a, b] } or { poisson: m }
        settle_after: { uniform: [20, 420] }   # none: never settled
        lapses: { no_receipt: 0.02, no_claim: 0.01, never_settle: 0.01, one_book: 0.005 }
    ```

    Each firing adds `count` orders named `<name>-<n>`: the order on the firing day, a
    delivery of all of it `deliver_after` days later, and a settlement in full `settle_after`
    days after the delivery (a payment, a return of the same item, or an exchange of the same
    service followed by a conversion and payment of what it leaves). Lapses are drawn for each
    order: a delivery without receipt, a claim never recorded, no settlement, a delivery in one
    book only. Events after `end` are not generated. The same file and seed give the same
    events on every machine (the stream is xoshiro256** seeded by SplitMix64, drawn with
    integers only; the README documents the order of the draws). A `uniform` quantity's low
    bound must be at least 0.001; a Poisson mean is at most 10,000.

    ## Precise rules, in plain words

    - **A day** runs in three steps: deadline processing for deadlines that were the day
      before; the day's events in file order (scripted before generated); then the day's
      `expect` checks.
    - **Rounding**: a line is quantity × unit price, rounded half away from zero to the
      currency's minor unit; a conversion is rounded once, the same way.
    - **Deadlines**: an obligation's deadline is its delivery date plus `settlement_months`
      calendar months (clamped to the month's last day) or plus `settlement_days`; it is
      overdue on any later date while anything is owed on it, and (*1.4*) settled late once the
      settlement that brings it to zero is dated after it. A cash claim is paid late if it is
      not fully paid by the end of its due date. A claim is late when it is recorded more than
      `claim_days` (by default `payment_days`) after the delivery, or not at all; a cash line
      is `not_invoiced` when more than `payment_days` have passed since delivery and it is
      unbilled (even if paid since).
    - **Paying in the receiver's currency** (`payment_currency: either`): the amount is
      converted into the provider's currency at the rate in force that day (the same look-up
      as every conversion), rounded half to even (not half away from zero, as other
      conversions), and applied as that amount; `overpayment` is judged on it.
    - **Signatories**: an order's value for `over_authority` is the sum of its lines at the
      provider's prices on the order date, each rounded; for the receiving party's signatory
      it is converted into that party's currency at the order date's rate. A `sign` naming a
      signatory is judged on the same value (the order's date, not the signing day).
    - **Two books**: each event is recorded in the books it names. A book that missed an order
      takes the order's terms when it records a later event on it; a settlement a book cannot
      apply (it missed the delivery) is kept as an unapplied credit, shown as a negative
      balance, and the order has `book_mismatch`.
    - **Closing** extinguishes nothing: debts stay, deadlines run, settlements are allowed.

    ## Findings: what the audit reports

    A finding names one order; an order has at most one of each code, in either book.

    | code | the order... | whose rule |
    | --- | --- | --- |
    | `unsigned_order` | was delivered while not signed by both sides | acsa's audit check (S14) |
    | `no_receipt` | has a delivery without a signed receipt | acsa's audit check (S14) |
    | `no_claim` | has a delivery whose claim was recorded more than `claim_days` (by default `payment_days`) after it, or not at all | acsa's audit check (S9); the window is the scenario's |
    | `not_invoiced` | has cash lines delivered more than `payment_days` ago and not billed | acsa's audit check (S15); the window is the scenario's |
    | `late_payment` | has a cash claim paid after, or unpaid at the end of, its due date | the scenario's `payment_days` |
    | `overdue` | owes anything past its deadline | the agreement's 12 months (S9, S12); the count is the scenario's `settlement_months` or `settlement_days` |
    | `settled_late` | *1.4*: has an obligation whose last settlement (the `pay`, `return`, `exchange` or `offset` that brought it to zero) is dated after its deadline; it stays once it happens, as `late_payment` does | the agreement's 12 months (S9, S12); keeping it after payment is acsa's reading |
    | `incomplete_order` | *1.4*: was delivered without a field `required_order_fields` asks for; the finding names the missing fields | the scenario's `required_order_fields` (S14) |
    | `book_mismatch` | is recorded differently in the two books | acsa's audit check |
    | `closed_with_balance` | was closed while something was owed | acsa's audit check (S14) |
    | `integrity` | fails the ledger's own checks (`acsa verify`) | acsa's |

    ## Static errors and limits

    A file that cannot be read as a scenario is refused before anything runs: every problem
    is printed as `FILE:LINE:COLUMN: error: ...` (all of them), nothing is written, and the
    command exits 2. Besides wrong types, unknown keys, unknown ids, malformed dates and
    amounts and duplicate ids, a file is refused when it is larger than 100 MiB, nests more
    than 64 levels, repeats more than 1,000,000 values by aliases, uses a list, a mapping or
    an alias as a key, is not UTF-8, holds a control character, holds more than one YAML
    document, or has generators that would place more than 5,000,000 orders.
    """#
}
