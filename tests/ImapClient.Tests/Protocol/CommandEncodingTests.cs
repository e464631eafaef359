using System.Globalization;
using System.Text;
using ImapClient.Commands;
using ImapClient.Protocol;
using ImapClient.Tests.Fetch;

namespace ImapClient.Tests.Protocol;

/// <summary>
/// Sequence sets, fetch items, flags, numbers and dates are written into the command as bytes: the same bytes the
/// string forms gave before, and no allocation on the way.
/// </summary>
public class CommandEncodingTests
{
    private static string Written(CommandBuilder builder) => Encoding.ASCII.GetString(builder.Written.Span);

    private static string SetBytes(SequenceSet set)
    {
        var builder = new CommandBuilder(literalPlus: false, literalMinus: false);
        builder.Set(set);
        return Written(builder);
    }

    /// <summary>How sets were spelled when they went out as strings (the former <c>ToString</c>).</summary>
    private static string PreviousSpelling(SequenceSet set)
    {
        var sb = new StringBuilder();
        foreach (var (start, end) in set.Ranges)
        {
            if (sb.Length > 0)
            {
                sb.Append(',');
            }

            sb.Append(start == uint.MaxValue ? "*" : start.ToString(CultureInfo.InvariantCulture));
            if (end != start)
            {
                sb.Append(':').Append(end == uint.MaxValue ? "*" : end.ToString(CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }

    private static IEnumerable<TestCaseData> Sets()
    {
        yield return new TestCaseData(SequenceSet.Single(1), "1");
        yield return new TestCaseData(SequenceSet.All, "1:*");
        yield return new TestCaseData(SequenceSet.Range(uint.MaxValue, uint.MaxValue), "*");
        yield return new TestCaseData(SequenceSet.Range(7, uint.MaxValue), "7:*");
        yield return new TestCaseData(SequenceSet.Range(4_294_967_294, uint.MaxValue), "4294967294:*");
        yield return new TestCaseData(SequenceSet.Single(4_294_967_294), "4294967294");
        yield return new TestCaseData(SequenceSet.Parse("1:5,7,10:*"), "1:5,7,10:*");
        yield return new TestCaseData(SequenceSet.Of([9, 10, 99, 100, 999, 1000, 99_999, 1_000_000_000]), "9:10,99:100,999:1000,99999,1000000000");
        yield return new TestCaseData(SequenceSet.Empty, "");
    }

    [TestCaseSource(nameof(Sets))]
    public void A_sequence_set_is_written_as_its_string_was(SequenceSet set, string expected)
    {
        Assert.That(PreviousSpelling(set), Is.EqualTo(expected), "the expectation is the former spelling");
        Assert.That(SetBytes(set), Is.EqualTo(expected));
        Assert.That(set.ToString(), Is.EqualTo(expected));
    }

    [Test]
    public void Random_sets_are_written_as_their_strings_were()
    {
        var random = new Random(1634);
        for (var i = 0; i < 500; i++)
        {
            var numbers = Enumerable.Range(0, random.Next(1, 200))
                .Select(_ => random.Next(4) == 0 ? (uint)random.NextInt64(1, uint.MaxValue + 1L) : (uint)random.Next(1, 3000));
            var set = SequenceSet.Of(numbers);
            Assert.That(SetBytes(set), Is.EqualTo(PreviousSpelling(set)), $"set {i}");
        }

        // Thousands of ranges: one exact request for room, whatever the builder held before.
        var big = SequenceSet.Of(Enumerable.Range(0, 20_000).Select(n => (uint)(n * 2 + 1)));
        var builder = new CommandBuilder(literalPlus: false, literalMinus: false);
        builder.Raw("UID STORE "u8).Set(big).Raw(" +FLAGS (\\Seen)"u8);
        Assert.That(Written(builder), Is.EqualTo("UID STORE " + PreviousSpelling(big) + " +FLAGS (\\Seen)"));
    }

    [Test]
    public void TryFormat_writes_nothing_into_too_small_a_destination()
    {
        var set = SequenceSet.Parse("1:5,7");
        var small = new byte[4];
        Assert.That(set.TryFormat(small, out var written), Is.False);
        Assert.That((written, small.All(b => b == 0)), Is.EqualTo((0, true)));

        var exact = new byte[5];
        Assert.That(set.TryFormat(exact, out written), Is.True);
        Assert.That(Encoding.ASCII.GetString(exact, 0, written), Is.EqualTo("1:5,7"));
        Assert.That(SequenceSet.Empty.TryFormat(Span<byte>.Empty, out written) && written == 0, Is.True);
        Assert.That(() => set.TryFormat(exact, out _, "G", null), Throws.TypeOf<FormatException>().With.Message.Contains("no format \"G\""));

        // The interface the runtime's UTF-8 formatting uses.
        Assert.That(Encoding.ASCII.GetString(Encoding.UTF8.GetBytes($"{set}")), Is.EqualTo("1:5,7"));
        Span<byte> interpolated = stackalloc byte[32];
        Assert.That(System.Text.Unicode.Utf8.TryWrite(interpolated, $"UID {set}", out written), Is.True);
        Assert.That(Encoding.ASCII.GetString(interpolated[..written]), Is.EqualTo("UID 1:5,7"));
    }

    [Test]
    public void Fetch_items_with_sections_partials_and_modifiers_are_written_as_their_strings_were()
    {
        Assert.That(FetchRequestTests.Encoded(new FetchRequest(FetchItems.Uid | FetchItems.Flags | FetchItems.InternalDate
                | FetchItems.Size | FetchItems.Envelope | FetchItems.BodyStructure)),
            Is.EqualTo("(UID FLAGS INTERNALDATE RFC822.SIZE ENVELOPE BODYSTRUCTURE)"));
        Assert.That(FetchRequestTests.Encoded(new FetchRequest(FetchItems.Body | FetchItems.Rfc822 | FetchItems.ModSeq)),
            Is.EqualTo("(BODY RFC822 MODSEQ)"));
        Assert.That(FetchRequestTests.Encoded(new FetchRequest().AddBodySection("HEADER.FIELDS (FROM SUBJECT)")),
            Is.EqualTo("BODY.PEEK[HEADER.FIELDS (FROM SUBJECT)]"));
        Assert.That(FetchRequestTests.Encoded(new FetchRequest(FetchItems.Uid).AddBodySection("1.2", peek: false, offset: 4_000_000_000_000, count: long.MaxValue)),
            Is.EqualTo("(UID BODY[1.2]<4000000000000.9223372036854775807>)"));
        Assert.That(FetchRequestTests.Encoded(new FetchRequest(FetchItems.Uid).AddBodySection("3", binary: true, offset: 0, count: 1)),
            Is.EqualTo("(UID BINARY.PEEK[3]<0.1>)"));
        Assert.That(FetchRequestTests.Encoded(new FetchRequest(FetchItems.Flags) { ChangedSince = 12345 }),
            Is.EqualTo("FLAGS (CHANGEDSINCE 12345)"));
        Assert.That(FetchRequestTests.Encoded(new FetchRequest(FetchItems.Fast) { ChangedSince = ulong.MaxValue, Vanished = true }),
            Is.EqualTo("(FLAGS INTERNALDATE RFC822.SIZE) (CHANGEDSINCE 18446744073709551615 VANISHED)"));
        Assert.That(FetchRequestTests.Encoded(new FetchRequest(FetchItems.Uid) { ChangedSince = 0 }.AddBodySection("")),
            Is.EqualTo("(UID BODY.PEEK[]) (CHANGEDSINCE 0)"));
    }

    [Test]
    public void Flag_lists_with_keywords_are_written_as_their_strings_were()
    {
        string Flags(MessageFlags flags)
        {
            var builder = new CommandBuilder(literalPlus: false, literalMinus: false);
            builder.FlagList(flags);
            return Written(builder);
        }

        Assert.That(Flags(new MessageFlags(SystemFlags.None)), Is.EqualTo("()"));
        Assert.That(Flags(new MessageFlags(SystemFlags.Seen | SystemFlags.Answered | SystemFlags.Flagged | SystemFlags.Deleted | SystemFlags.Draft | SystemFlags.Recent)),
            Is.EqualTo("(\\Answered \\Flagged \\Deleted \\Seen \\Draft)"), "the system flags' order, \\Recent left out");
        Assert.That(Flags(new MessageFlags(SystemFlags.Seen, ["$Forwarded", "\\Custom", "NonJunk"])),
            Is.EqualTo("(\\Seen $Forwarded \\Custom NonJunk)"));
        Assert.That(Flags(new MessageFlags(SystemFlags.None, ["$Label1"])), Is.EqualTo("($Label1)"));
        Assert.That(() => Flags(new MessageFlags(SystemFlags.None, ["two words"])),
            Throws.ArgumentException.With.Message.Contains("\"two words\" is not a valid IMAP keyword"));
    }

    [TestCase(StoreAction.Add, false, "+FLAGS ")]
    [TestCase(StoreAction.Remove, true, "-FLAGS.SILENT ")]
    [TestCase(StoreAction.Replace, false, "FLAGS ")]
    public void Store_items_are_written_as_before(StoreAction action, bool silent, string expected)
    {
        var builder = new CommandBuilder(literalPlus: false, literalMinus: false);
        builder.StoreItem(action, silent);
        Assert.That(Written(builder), Is.EqualTo(expected));
    }

    [TestCase(1994, 2, 1, "01-Feb-1994")]
    [TestCase(2026, 12, 31, "31-Dec-2026")]
    [TestCase(999, 1, 5, "05-Jan-0999")]
    public void Dates_are_written_in_English_as_before(int year, int month, int day, string expected)
    {
        var date = new DateOnly(year, month, day);
        Assert.That(date.ToString("dd-MMM-yyyy", CultureInfo.InvariantCulture), Is.EqualTo(expected), "the former spelling");
        var builder = new CommandBuilder(literalPlus: false, literalMinus: false);
        builder.Date(date);
        Assert.That(Written(builder), Is.EqualTo(expected));
    }

    [Test]
    public void Date_times_are_written_quoted_with_their_offset_as_before()
    {
        string DateTimeText(DateTimeOffset value)
        {
            var builder = new CommandBuilder(literalPlus: false, literalMinus: false);
            builder.DateTime(value);
            return Written(builder);
        }

        var previousCulture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("fr-FR");
        try
        {
            Assert.That(DateTimeText(new DateTimeOffset(1996, 7, 17, 2, 44, 25, TimeSpan.FromHours(-7))), Is.EqualTo("\"17-Jul-1996 02:44:25 -0700\""));
            Assert.That(DateTimeText(new DateTimeOffset(2026, 3, 1, 23, 5, 9, new TimeSpan(5, 30, 0))), Is.EqualTo("\"01-Mar-2026 23:05:09 +0530\""));
            Assert.That(DateTimeText(new DateTimeOffset(2026, 11, 9, 0, 0, 0, TimeSpan.Zero)), Is.EqualTo("\"09-Nov-2026 00:00:00 +0000\""));
        }
        finally
        {
            CultureInfo.CurrentCulture = previousCulture;
        }
    }

    [Test]
    public void Encoding_the_common_commands_allocates_nothing()
    {
        var builder = new CommandBuilder(literalPlus: true, literalMinus: false);
        var set = SequenceSet.Parse("1:5,7,10:*");
        var summaries = new FetchRequest(FetchItems.Uid | FetchItems.Flags | FetchItems.InternalDate | FetchItems.Size | FetchItems.Envelope | FetchItems.BodyStructure)
            .AddBodySection("HEADER.FIELDS (REFERENCES)", offset: 0, count: 2048);
        var flags = new MessageFlags(SystemFlags.Seen | SystemFlags.Flagged, ["$Forwarded"]);
        var search = SearchQuery.Uids(set).And(SearchQuery.SentSince(new DateOnly(2026, 1, 2))).And(SearchQuery.Subject("lunch")).And(SearchQuery.Larger(4096));

        void EncodeAll()
        {
            builder.Reset(literalPlus: true, literalMinus: false);
            builder.Raw("UID FETCH "u8).Set(set).Space();
            summaries.WriteTo(builder);
            builder.EndLine();
            builder.Reset(literalPlus: true, literalMinus: false);
            builder.Raw("UID STORE "u8).Set(set).Raw(" (UNCHANGEDSINCE "u8).Number(ulong.MaxValue).Raw(") "u8).StoreItem(StoreAction.Add, silent: true).FlagList(flags).EndLine();
            builder.Reset(literalPlus: true, literalMinus: false);
            builder.Raw("UID SEARCH "u8);
            SearchCriteria.WriteSearchProgram(builder, search, utf8Accepted: false);
            builder.EndLine();
            builder.Reset(literalPlus: true, literalMinus: false);
            builder.Raw("SELECT "u8).AString("INBOX").Raw(" (QRESYNC ("u8).Number(1).Space().Number(2).Space().Set(set).Raw("))"u8).EndLine();
        }

        EncodeAll(); // first use: the builder grows, static tables are built
        var before = GC.GetAllocatedBytesForCurrentThread();
        EncodeAll();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(allocated, Is.Zero, "sets, fetch items, flags, numbers, dates and strings go into the command as bytes");
        Assert.That(Written(builder), Is.EqualTo("SELECT INBOX (QRESYNC (1 2 1:5,7,10:*))\r\n"));
    }
}
