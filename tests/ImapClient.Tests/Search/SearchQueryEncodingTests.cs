using System.Text;
using ImapClient.Protocol;

namespace ImapClient.Tests.Search;

/// <summary>The exact bytes each search key and combination is sent as (the search program after SEARCH).</summary>
public class SearchQueryEncodingTests
{
    private static string Encode(SearchQuery query, bool literalPlus = true)
    {
        var builder = new CommandBuilder(literalPlus, literalMinus: false);
        SearchCriteria.WriteSearchProgram(builder, query, utf8Accepted: false);
        return Encoding.UTF8.GetString(builder.Written.Span);
    }

    private static IEnumerable<TestCaseData> FlagKeys()
    {
        yield return new TestCaseData(SearchQuery.All, "ALL");
        yield return new TestCaseData(SearchQuery.Answered, "ANSWERED");
        yield return new TestCaseData(SearchQuery.Unanswered, "UNANSWERED");
        yield return new TestCaseData(SearchQuery.Deleted, "DELETED");
        yield return new TestCaseData(SearchQuery.Undeleted, "UNDELETED");
        yield return new TestCaseData(SearchQuery.Draft, "DRAFT");
        yield return new TestCaseData(SearchQuery.Undraft, "UNDRAFT");
        yield return new TestCaseData(SearchQuery.Flagged, "FLAGGED");
        yield return new TestCaseData(SearchQuery.Unflagged, "UNFLAGGED");
        yield return new TestCaseData(SearchQuery.Seen, "SEEN");
        yield return new TestCaseData(SearchQuery.Unseen, "UNSEEN");
        yield return new TestCaseData(SearchQuery.Recent, "RECENT");
        yield return new TestCaseData(SearchQuery.New, "NEW");
        yield return new TestCaseData(SearchQuery.Old, "OLD");
        yield return new TestCaseData(SearchQuery.SavedResult, "$");
    }

    [TestCaseSource(nameof(FlagKeys))]
    public void Keys_without_arguments_are_single_atoms(SearchQuery query, string expected) =>
        Assert.That(Encode(query), Is.EqualTo(expected));

    [Test]
    public void Keyword_and_unkeyword_send_the_keyword_as_an_atom()
    {
        Assert.That(Encode(SearchQuery.Keyword("$Label1")), Is.EqualTo("KEYWORD $Label1"));
        Assert.That(Encode(SearchQuery.Unkeyword("Junk")), Is.EqualTo("UNKEYWORD Junk"));
    }

    [TestCase("")]
    [TestCase("two words")]
    [TestCase("\\Seen")]
    [TestCase("a(b")]
    [TestCase("quote\"d")]
    [TestCase("Grüße")]
    [TestCase("line\r\nbreak")]
    public void A_keyword_that_is_not_an_atom_is_rejected(string keyword)
    {
        Assert.Throws<ArgumentException>(() => SearchQuery.Keyword(keyword));
        Assert.Throws<ArgumentException>(() => SearchQuery.Unkeyword(keyword));
    }

    [Test]
    public void Dates_are_dd_MMM_yyyy_with_english_month_names_whatever_the_culture()
    {
        var culture = Thread.CurrentThread.CurrentCulture;
        try
        {
            Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            var day = new DateOnly(1994, 2, 1);
            Assert.That(Encode(SearchQuery.Before(day)), Is.EqualTo("BEFORE 01-Feb-1994"));
            Assert.That(Encode(SearchQuery.On(day)), Is.EqualTo("ON 01-Feb-1994"));
            Assert.That(Encode(SearchQuery.Since(day)), Is.EqualTo("SINCE 01-Feb-1994"));
            Assert.That(Encode(SearchQuery.SentBefore(day)), Is.EqualTo("SENTBEFORE 01-Feb-1994"));
            Assert.That(Encode(SearchQuery.SentOn(day)), Is.EqualTo("SENTON 01-Feb-1994"));
            Assert.That(Encode(SearchQuery.SentSince(day)), Is.EqualTo("SENTSINCE 01-Feb-1994"));
            Assert.That(Encode(SearchQuery.Since(new DateOnly(2024, 12, 31))), Is.EqualTo("SINCE 31-Dec-2024"));
            Assert.That(Encode(SearchQuery.On(new DateOnly(2024, 5, 7))), Is.EqualTo("ON 07-May-2024"), "Mai in German");
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = culture;
        }
    }

    [Test]
    public void DateTime_overloads_use_the_day_as_given_and_ignore_the_time_and_kind()
    {
        var late = new DateTime(2024, 3, 9, 23, 59, 59, DateTimeKind.Utc);
        Assert.That(Encode(SearchQuery.Before(late)), Is.EqualTo("BEFORE 09-Mar-2024"));
        Assert.That(Encode(SearchQuery.On(new DateTime(2024, 3, 9, 0, 0, 1, DateTimeKind.Local))), Is.EqualTo("ON 09-Mar-2024"));
        Assert.That(Encode(SearchQuery.Since(late)), Is.EqualTo("SINCE 09-Mar-2024"));
        Assert.That(Encode(SearchQuery.SentBefore(late)), Is.EqualTo("SENTBEFORE 09-Mar-2024"));
        Assert.That(Encode(SearchQuery.SentOn(late)), Is.EqualTo("SENTON 09-Mar-2024"));
        Assert.That(Encode(SearchQuery.SentSince(late)), Is.EqualTo("SENTSINCE 09-Mar-2024"));
    }

    [Test]
    public void Sizes_are_decimal_numbers()
    {
        Assert.That(Encode(SearchQuery.Larger(1024)), Is.EqualTo("LARGER 1024"));
        Assert.That(Encode(SearchQuery.Smaller(uint.MaxValue)), Is.EqualTo("SMALLER 4294967295"));
        Assert.That(Encode(SearchQuery.Larger(0)), Is.EqualTo("LARGER 0"));
    }

    private static IEnumerable<TestCaseData> StringKeys()
    {
        yield return new TestCaseData((Func<string, SearchQuery>)SearchQuery.From, "FROM");
        yield return new TestCaseData((Func<string, SearchQuery>)SearchQuery.To, "TO");
        yield return new TestCaseData((Func<string, SearchQuery>)SearchQuery.Cc, "CC");
        yield return new TestCaseData((Func<string, SearchQuery>)SearchQuery.Bcc, "BCC");
        yield return new TestCaseData((Func<string, SearchQuery>)SearchQuery.Subject, "SUBJECT");
        yield return new TestCaseData((Func<string, SearchQuery>)SearchQuery.Body, "BODY");
        yield return new TestCaseData((Func<string, SearchQuery>)SearchQuery.Text, "TEXT");
    }

    [TestCaseSource(nameof(StringKeys))]
    public void String_keys_send_an_atom_a_quoted_string_or_a_literal_as_the_text_needs(Func<string, SearchQuery> key, string name)
    {
        Assert.That(Encode(key("alice@example.org")), Is.EqualTo($"{name} alice@example.org"));
        Assert.That(Encode(key("lunch plans")), Is.EqualTo($"{name} \"lunch plans\""));
        Assert.That(Encode(key("say \"hi\" \\o/")), Is.EqualTo($"{name} \"say \\\"hi\\\" \\\\o/\""));
        Assert.That(Encode(key("")), Is.EqualTo($"{name} \"\""));
        Assert.That(Encode(key("(x)")), Is.EqualTo($"{name} \"(x)\""));
    }

    [TestCaseSource(nameof(StringKeys))]
    public void Non_ascii_text_goes_as_a_utf8_literal_after_CHARSET_UTF_8(Func<string, SearchQuery> key, string name) =>
        Assert.That(Encode(key("Grüße")), Is.EqualTo($"CHARSET UTF-8 {name} {{7+}}\r\nGrüße"));

    [TestCaseSource(nameof(StringKeys))]
    public void CR_and_LF_in_text_travel_inside_a_literal_never_raw(Func<string, SearchQuery> key, string name) =>
        Assert.That(Encode(key("a\r\nb")), Is.EqualTo($"{name} {{4+}}\r\na\r\nb"));

    [TestCaseSource(nameof(StringKeys))]
    public void NUL_in_text_is_rejected(Func<string, SearchQuery> key, string name) =>
        Assert.Throws<ArgumentException>(() => key("a\0b"), name);

    [Test]
    public void Without_LITERAL_plus_the_literal_is_synchronizing()
    {
        var builder = new CommandBuilder(literalPlus: false, literalMinus: false);
        SearchCriteria.WriteSearchProgram(builder, SearchQuery.Subject("Grüße"), utf8Accepted: false);
        Assert.That(Encoding.UTF8.GetString(builder.Written.Span), Is.EqualTo("CHARSET UTF-8 SUBJECT {7}\r\nGrüße"));
        Assert.That(builder.ContinuationPoints, Is.EqualTo(new[] { "CHARSET UTF-8 SUBJECT {7}\r\n".Length }));
    }

    [Test]
    public void Header_sends_the_field_name_and_the_text()
    {
        Assert.That(Encode(SearchQuery.Header("Message-ID", "<m1@example.org>")), Is.EqualTo("HEADER Message-ID <m1@example.org>"));
        Assert.That(Encode(SearchQuery.Header("X-Spam", "")), Is.EqualTo("HEADER X-Spam \"\""));
        Assert.That(Encode(SearchQuery.Header("List-Id", "a list")), Is.EqualTo("HEADER List-Id \"a list\""));
        Assert.That(Encode(SearchQuery.Header("X-Note", "Größe")), Is.EqualTo("CHARSET UTF-8 HEADER X-Note {7+}\r\nGröße"));
    }

    [TestCase("")]
    [TestCase("Sub ject")]
    [TestCase("Subject:")]
    [TestCase("X\r\nInjected")]
    [TestCase("Grüße")]
    public void A_header_field_name_that_is_not_one_is_rejected(string field) =>
        Assert.Throws<ArgumentException>(() => SearchQuery.Header(field, "x"));

    [Test]
    public void Sequence_sets_go_bare_and_UID_sets_after_UID()
    {
        Assert.That(Encode(SearchQuery.Messages(SequenceSet.Parse("1:5,7,10:*"))), Is.EqualTo("1:5,7,10:*"));
        Assert.That(Encode(SearchQuery.Uids(SequenceSet.Range(100, 200))), Is.EqualTo("UID 100:200"));
        Assert.That(Encode(SearchQuery.Uids(SequenceSet.Single(4))), Is.EqualTo("UID 4"));
    }

    [Test]
    public void ModSeq_is_a_number_and_needs_no_more_than_63_bits()
    {
        Assert.That(Encode(SearchQuery.ModSeq(620162338)), Is.EqualTo("MODSEQ 620162338"));
        Assert.That(Encode(SearchQuery.ModSeq(long.MaxValue)), Is.EqualTo("MODSEQ 9223372036854775807"));
        Assert.Throws<ArgumentOutOfRangeException>(() => SearchQuery.ModSeq((ulong)long.MaxValue + 1));
    }

    [Test]
    public void Not_negates_one_key_and_parenthesises_a_group()
    {
        Assert.That(Encode(SearchQuery.Not(SearchQuery.Seen)), Is.EqualTo("NOT SEEN"));
        Assert.That(Encode(SearchQuery.Not(SearchQuery.From("ann").And(SearchQuery.Flagged))), Is.EqualTo("NOT (FROM ann FLAGGED)"));
        Assert.That(Encode(SearchQuery.Not(SearchQuery.Not(SearchQuery.Deleted))), Is.EqualTo("NOT NOT DELETED"));
    }

    [Test]
    public void Or_takes_two_keys_and_parenthesises_groups()
    {
        Assert.That(Encode(SearchQuery.Seen.Or(SearchQuery.Flagged)), Is.EqualTo("OR SEEN FLAGGED"));
        Assert.That(Encode(SearchQuery.From("a").And(SearchQuery.To("b")).Or(SearchQuery.Larger(10))), Is.EqualTo("OR (FROM a TO b) LARGER 10"));
        Assert.That(Encode(SearchQuery.Seen.Or(SearchQuery.Draft.Or(SearchQuery.Deleted))), Is.EqualTo("OR SEEN OR DRAFT DELETED"));
    }

    [Test]
    public void And_puts_keys_side_by_side_at_the_top_and_flattens_nested_groups()
    {
        Assert.That(Encode(SearchQuery.Unseen.And(SearchQuery.From("ann"))), Is.EqualTo("UNSEEN FROM ann"));
        Assert.That(Encode(SearchQuery.AllOf(SearchQuery.Seen, SearchQuery.AllOf(SearchQuery.Flagged, SearchQuery.Draft), SearchQuery.Old)),
            Is.EqualTo("SEEN FLAGGED DRAFT OLD"));
        Assert.That(SearchQuery.AllOf(SearchQuery.Seen), Is.SameAs(SearchQuery.Seen));
        Assert.Throws<ArgumentException>(() => SearchQuery.AllOf());
        Assert.Throws<ArgumentException>(() => SearchQuery.AnyOf());
    }

    [Test]
    public void AnyOf_nests_ORs_balanced()
    {
        Assert.That(Encode(SearchQuery.AnyOf(SearchQuery.Seen)), Is.EqualTo("SEEN"));
        Assert.That(Encode(SearchQuery.AnyOf(SearchQuery.Seen, SearchQuery.Draft)), Is.EqualTo("OR SEEN DRAFT"));
        Assert.That(Encode(SearchQuery.AnyOf(SearchQuery.From("a"), SearchQuery.From("b"), SearchQuery.From("c"), SearchQuery.From("d"))),
            Is.EqualTo("OR OR FROM a FROM b OR FROM c FROM d"));
    }

    [Test]
    public void Groups_nest_inside_groups()
    {
        var query = SearchQuery.AllOf(
            SearchQuery.Since(new DateOnly(2024, 1, 1)),
            SearchQuery.Not(SearchQuery.AllOf(SearchQuery.Deleted, SearchQuery.AnyOf(SearchQuery.Seen.And(SearchQuery.Flagged), SearchQuery.Draft))));
        Assert.That(Encode(query), Is.EqualTo("SINCE 01-Jan-2024 NOT (DELETED OR (SEEN FLAGGED) DRAFT)"));
    }

    [Test]
    public void One_non_ascii_string_anywhere_adds_CHARSET_once_and_only_that_string_is_a_literal()
    {
        var query = SearchQuery.From("ann").Or(SearchQuery.Not(SearchQuery.Subject("Café").And(SearchQuery.Body("crème brûlée"))));
        Assert.That(Encode(query), Is.EqualTo("CHARSET UTF-8 OR FROM ann NOT (SUBJECT {5+}\r\nCafé BODY {15+}\r\ncrème brûlée)"));
    }

    [Test]
    public void ToString_shows_the_query_as_sent()
    {
        Assert.That(SearchQuery.Unseen.And(SearchQuery.Subject("lunch plans")).ToString(), Is.EqualTo("UNSEEN SUBJECT \"lunch plans\""));
        Assert.That(SearchQuery.Subject("Grüße").ToString(), Is.EqualTo("SUBJECT {7+}\r\nGrüße"));
    }

    [Test]
    public void The_sort_and_thread_charset_is_US_ASCII_unless_a_string_is_not()
    {
        var builder = new CommandBuilder(literalPlus: true, literalMinus: false);
        SearchCriteria.WriteWithCharset(builder, SearchQuery.All);
        Assert.That(Encoding.UTF8.GetString(builder.Written.Span), Is.EqualTo("US-ASCII ALL"));
        builder = new CommandBuilder(literalPlus: true, literalMinus: false);
        SearchCriteria.WriteWithCharset(builder, SearchQuery.To("Zoë"));
        Assert.That(Encoding.UTF8.GetString(builder.Written.Span), Is.EqualTo("UTF-8 TO {4+}\r\nZoë"));
    }

    [Test]
    public void Null_arguments_are_rejected()
    {
        Assert.Throws<ArgumentNullException>(() => SearchQuery.From(null!));
        Assert.Throws<ArgumentNullException>(() => SearchQuery.Header("X", null!));
        Assert.Throws<ArgumentNullException>(() => SearchQuery.Messages(null!));
        Assert.Throws<ArgumentNullException>(() => SearchQuery.Uids(null!));
        Assert.Throws<ArgumentNullException>(() => SearchQuery.Not(null!));
        Assert.Throws<ArgumentNullException>(() => SearchQuery.Seen.And(null!));
        Assert.Throws<ArgumentNullException>(() => SearchQuery.Seen.Or(null!));
        Assert.Throws<ArgumentNullException>(() => SearchQuery.AnyOf(SearchQuery.Seen, null!));
    }
}
