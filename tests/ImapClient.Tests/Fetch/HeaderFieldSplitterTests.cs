using System.Text;
using CsCheck;
using ImapClient.Protocol;
using ImapClient.Tests.Infrastructure;
using MimeKit;

namespace ImapClient.Tests.Fetch;

/// <summary>
/// Header sections split by <see cref="HeaderFieldSplitter"/> (or handed on to MimeKit's parser) must give the list
/// MimeKit's own <see cref="HeaderList.Load(Stream, CancellationToken)"/> gives: the same fields in the same order, raw
/// names and values byte for byte, the same decoded values; and a section MimeKit rejects is a protocol error.
/// </summary>
public class HeaderFieldSplitterTests
{
    private static readonly Encoding Latin1 = Encoding.Latin1;

    /// <summary>Sections the splitter takes itself. Written as Latin-1, so "\u00e9" is the single byte 0xE9.</summary>
    private static readonly string[] WellFormed =
    [
        "Subject: plain\r\nFrom: Ann <ann@example.org>\r\n\r\n",
        "Subject: no blank line at the end\r\nTo: bob@example.org\r\n",
        "Received: from mx.example.net\r\n\tby imap.example.org with ESMTPS id 42\r\n\tfor <x@example.org>; Mon, 1 Jan 2024 08:00:00 +0000\r\nSubject: after the fold\r\n\r\n",
        "References: <a@example.org>\r\n <b@example.org>\r\n  <c@example.org>\r\n\r\n",
        "Subject: folded onto a line of blanks\r\n \r\n\t\r\nX-Next: yes\r\n\r\n",
        "X-Empty:\r\nX-Space: \r\nX-Tab:\t\r\n\r\n",
        "Subject: bare\nFrom: line feeds\n only\n\n",
        "Subject: mixed\nFrom: endings\r\n\tfolded\n\r\n",
        "Subject: caf\u00e9 in Latin-1\r\nX-Bytes: \u00ff\u00fe\u0080\u0081\r\n\r\n",
        "Subject: =?utf-8?q?caf=C3=A9?= and =?iso-8859-1?B?6Q==?=\r\nFrom: =?utf-8?B?SsO8cmdlbg==?= <j@example.org>\r\n\r\n",
        "Subject: =?utf-8?q?broken\r\nX-Unknown: =?x-nonsense?q?abc?=\r\nX-Half: =?utf-8?b?###?=\r\n\r\n",
        "subject: lower case\r\nSUBJECT: upper case\r\nSubject: the third\r\n\r\n",
        "Subject: a lone\rcarriage return\r\nX-Nul: a\0b\r\n\r\n",
        "Subject: ends here\r\n\r\nBody: not a header\r\n",
        "X-Punctuation!#$%&'*+-^_`|~: ok\r\nX-Dots.And(Parens)[Brackets]: maybe\r\n\r\n",
        "Content-Type: multipart/mixed;\r\n boundary=\"b1\"\r\nContent-Transfer-Encoding: 7bit\r\nMIME-Version: 1.0\r\n\r\n",
        "Date: Mon, 1 Jan 2024 08:00:00 +0100\r\nMessage-ID: <1@example.org>\r\nIn-Reply-To: <0@example.org>\r\n\r\n",
        "",
        "\r\n",
        "\n",
    ];

    /// <summary>Sections MimeKit's parser must decide: it accepts some and rejects others.</summary>
    private static readonly string[] Malformed =
    [
        "Subject: ok\r\nNo colon on this line\r\nFrom: x@example.org\r\n\r\n",
        "No colon on the first line\r\nFrom: x@example.org\r\n\r\n",
        " a continuation with nothing before it\r\nSubject: x\r\n\r\n",
        "From someone@example.org Mon Jan  1 08:00:00 2024\r\nSubject: mbox\r\n\r\n",
        ": no name\r\nSubject: x\r\n\r\n",
        "Subject : blank before the colon\r\n\r\n",
        "Subject\t: tab before the colon\r\n\r\n",
        "Sub ject: blank in the name\r\n\r\n",
        "Subj\u00e9ct: 8-bit name\r\n\r\n",
        "Subject: no line break at the end",
        "Subject: first\r\nFrom: no line break at the end",
        "Subject",
        "Subject: x\r\n\rX-After-CR: y\r\n\r\n",
        "Subject: x\r\n\r\r\n",
    ];

    private static IEnumerable<TestCaseData> WellFormedCases() => WellFormed.Select(s => new TestCaseData(s).SetArgDisplayNames(Display(s)));

    private static IEnumerable<TestCaseData> MalformedCases() => Malformed.Select(s => new TestCaseData(s).SetArgDisplayNames(Display(s)));

    [TestCaseSource(nameof(WellFormedCases))]
    public void Well_formed_sections_are_split_as_MimeKit_parses_them(string text)
    {
        var bytes = Latin1.GetBytes(text);

        var split = HeaderFieldSplitter.TrySplit(bytes);

        Assert.That(split, Is.Not.Null, "taken by the splitter, not handed on");
        AssertSameAsMimeKit(bytes, split!);
    }

    [TestCaseSource(nameof(MalformedCases))]
    public void Malformed_sections_are_left_to_MimeKit(string text)
    {
        var bytes = Latin1.GetBytes(text);

        Assert.That(HeaderFieldSplitter.TrySplit(bytes), Is.Null);
        AssertParsesAsMimeKit(bytes);
    }

    [Test]
    public void Very_long_lines_and_many_folds_are_kept_whole()
    {
        var longValue = new string('x', 200_000);
        var folds = string.Concat(Enumerable.Range(0, 5_000).Select(i => $"\r\n\t<{i}@example.org>"));
        var bytes = Latin1.GetBytes($"X-Long: {longValue}\r\nReferences:{folds}\r\nSubject: after\r\n\r\n");

        var split = HeaderFieldSplitter.TrySplit(bytes);

        Assert.That(split, Is.Not.Null);
        AssertSameAsMimeKit(bytes, split!);
    }

    [Test]
    public void A_name_longer_than_the_templates_take_is_left_to_MimeKit()
    {
        var bytes = Latin1.GetBytes($"X-{new string('n', 300)}: value\r\nSubject: x\r\n\r\n");

        Assert.That(HeaderFieldSplitter.TrySplit(bytes), Is.Null);
        AssertParsesAsMimeKit(bytes);
    }

    [Test]
    public void Sections_inside_a_larger_buffer_are_read_from_their_own_bytes()
    {
        var text = "Subject: in the middle\r\nX-Folded: a\r\n b\r\n\r\n";
        var buffer = Latin1.GetBytes("Garbage: before\r\n" + text + "After: garbage\r\n");
        var section = buffer.AsMemory(17, text.Length);

        var split = HeaderFieldSplitter.TrySplit(section);

        Assert.That(split, Is.Not.Null);
        AssertSame(HeaderList.Load(new MemoryStream(Latin1.GetBytes(text))), split!);
    }

    [Test]
    public void More_distinct_names_than_the_templates_keep_still_split_alike()
    {
        // Past the bound the templates start over; names seen before and after must still come out right.
        var bytes = Latin1.GetBytes(string.Concat(Enumerable.Range(0, 1_500).Select(i => $"X-Name-{i % 700}: value {i}\r\n")) + "\r\n");

        var split = HeaderFieldSplitter.TrySplit(bytes);

        Assert.That(split, Is.Not.Null);
        AssertSameAsMimeKit(bytes, split!);
    }

    [Test]
    public void Lists_share_no_header_and_a_change_to_one_leaves_the_next_alone()
    {
        var bytes = Latin1.GetBytes("Subject: one\r\n\r\n");
        var first = HeaderSectionParser.Parse(bytes, ImapQuirks.None);
        first[0].Value = "changed";

        var second = HeaderSectionParser.Parse(bytes, ImapQuirks.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(second[0], Is.Not.SameAs(first[0]));
            Assert.That(second[0].Value, Is.EqualTo("one"));
            Assert.That(Latin1.GetString(second[0].RawValue), Is.EqualTo(" one\r\n"));
        }
    }

    [Test]
    [NonParallelizable]
    public void A_change_to_MimeKits_default_options_applies_to_the_next_section_as_with_its_parser()
    {
        // An encoded word inside a word decodes only in loose mode; the parser copies the default options per section.
        var bytes = Latin1.GetBytes("Subject: a=?utf-8?q?b?=c\r\n\r\n");
        var before = HeaderSectionParser.Parse(bytes, ImapQuirks.None)["Subject"];
        var original = ParserOptions.Default.Rfc2047ComplianceMode;
        try
        {
            ParserOptions.Default.Rfc2047ComplianceMode = original == RfcComplianceMode.Strict ? RfcComplianceMode.Loose : RfcComplianceMode.Strict;
            var after = HeaderFieldSplitter.TrySplit(bytes);

            Assert.That(after, Is.Not.Null);
            AssertSameAsMimeKit(bytes, after!);
            Assert.That(after!["Subject"], Is.Not.EqualTo(before), "the options decide the decoded value");
        }
        finally
        {
            ParserOptions.Default.Rfc2047ComplianceMode = original;
        }

        Assert.That(HeaderSectionParser.Parse(bytes, ImapQuirks.None)["Subject"], Is.EqualTo(before), "back to the original options");
    }

    [Test]
    public void Generated_sections_parse_as_MimeKit_parses_them()
    {
        // Lines from pieces that matter to the split: names, colons, blanks, folds, both line endings, 8-bit bytes,
        // encoded words, a missing colon, a missing final line break.
        var name = Generators.OneOf("Subject", "From", "to", "X-A", "Received", "X-8bit\u00e9", "Bad Name", "", "X.Y");
        var separator = Generators.OneOf(":", ": ", ":\t", " :", "");
        var value = Generators.OneOf("", "plain", "caf\u00e9", "=?utf-8?q?caf=C3=A9?=", "=?utf-8?q?broken", "a\rb", "a\0b", "  ");
        var ending = Generators.OneOf("\r\n", "\n", "\r\n\t", "\n ", "\r\n \r\n", "");
        var line = Gen.Select(name, separator, value, ending, (n, s, v, e) => n + s + v + e);
        var section = Gen.Select(line.Array[0, 8], Generators.OneOf("\r\n", "\n", ""), (lines, end) => string.Concat(lines) + end);

        section.Sample(text => AssertParsesAsMimeKit(Latin1.GetBytes(text)), iter: 3_000, threads: 1);
    }

    /// <summary>Through the entry point the FETCH parser uses: the same list, or a protocol error where MimeKit fails.</summary>
    private static void AssertParsesAsMimeKit(byte[] bytes)
    {
        HeaderList expected;
        try
        {
            expected = HeaderList.Load(new MemoryStream(bytes));
        }
        catch (FormatException)
        {
            Assert.Throws<ImapProtocolException>(() => HeaderSectionParser.Parse(bytes, ImapQuirks.None), Display(Latin1.GetString(bytes)));
            return;
        }

        AssertSame(expected, HeaderSectionParser.Parse(bytes, ImapQuirks.None));
    }

    private static void AssertSameAsMimeKit(byte[] bytes, HeaderList actual) => AssertSame(HeaderList.Load(new MemoryStream(bytes)), actual);

    private static void AssertSame(HeaderList expected, HeaderList actual)
    {
        Assert.That(actual, Has.Count.EqualTo(expected.Count), "field count");
        for (var i = 0; i < expected.Count; i++)
        {
            var (e, a) = (expected[i], actual[i]);
            using (Assert.EnterMultipleScope())
            {
                Assert.That(a.Field, Is.EqualTo(e.Field), $"field {i} name");
                Assert.That(a.Id, Is.EqualTo(e.Id), $"field {i} id");
                Assert.That(a.RawField, Is.EqualTo(e.RawField), $"field {i} raw name");
                Assert.That(a.RawValue, Is.EqualTo(e.RawValue), $"field {i} raw value");
                Assert.That(a.Value, Is.EqualTo(e.Value), $"field {i} decoded value");
            }
        }

        // Lookups by name find the same first field, and the lists write out the same bytes.
        foreach (var field in expected.Select(h => h.Field).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            Assert.That(actual[field], Is.EqualTo(expected[field]), $"lookup of {field}");
        }

        Assert.That(Written(actual), Is.EqualTo(Written(expected)), "written out");
    }

    private static byte[] Written(HeaderList headers)
    {
        using var stream = new MemoryStream();
        headers.WriteTo(stream);
        return stream.ToArray();
    }

    private static string Display(string text)
    {
        var shown = text.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)
            .Replace("\t", "\\t", StringComparison.Ordinal).Replace("\0", "\\0", StringComparison.Ordinal);
        return shown.Length > 60 ? shown[..60] + "…" : shown;
    }
}
