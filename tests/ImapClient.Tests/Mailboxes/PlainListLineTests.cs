using System.Buffers;
using System.Text;
using ImapClient.Protocol;
using ImapClient.Tests.Infrastructure;

namespace ImapClient.Tests.Mailboxes;

/// <summary>
/// <see cref="PlainListLine"/> reads the common LIST shape from one span; everything else goes to the general parser.
/// Each line here is parsed whole (where the plain path may take it) and in one-byte segments (where it cannot), with
/// every quirk tolerated and with none: both must give the same entry, or both the same failure.
/// </summary>
public class PlainListLineTests
{
    private static readonly string[] Lines =
    [
        "* LIST (\\HasNoChildren) \"/\" \"Archive 2002/Ticket 0752\"\r\n",
        "* LIST (\\HasChildren) \"/\" \"Entw&APw-rfe 2004\"\r\n",
        "* LIST () \".\" \"\"\r\n",
        "* LIST () \"\" \"flat\"\r\n",
        "* LSUB (\\Noselect \\HasChildren \\Subscribed) \".\" \"&BBIERQQ+BDQETwRJBDgENQ-\"\n",
        "* LIST (\\hasnochildren \\DRAFTS) \"/\" \"Drafts\"\r\n",
        "* LIST (\\HasNoChildren \\X-Custom) \"/\" \"x\"\r\n",
        "* LIST (\\HasNoChildren $Odd) \"/\" \"x\"\r\n",
        "* LIST (\\HasNoChildren) NIL \"flat\"\r\n",
        "* LIST (\\HasNoChildren) nil \"flat\"\r\n",
        "* LIST (\\HasNoChildren) \"\\\\\" \"a\\\\b\"\r\n",
        "* LIST (\\HasNoChildren) \"/\" INBOX\r\n",
        "* LIST (\\HasNoChildren) \"/\" {5}\r\nINBOX\r\n",
        "* LIST (\\HasNoChildren) \"/\" \"Entwürfe\"\r\n",
        "* LIST (\\HasNoChildren) \"/\" \"say \"hi\"there\"\r\n",
        "* LIST (\\HasNoChildren) \"/\" \"tab\there\"\r\n",
        "* LIST (\\HasNoChildren)  \"/\" \"x\"\r\n",
        "* LIST  (\\HasNoChildren) \"/\" \"x\"\r\n",
        "* LIST (\\HasNoChildren ) \"/\" \"x\"\r\n",
        "* LIST ( \\HasNoChildren) \"/\" \"x\"\r\n",
        "* LIST (\\HasNoChildren  \\Marked) \"/\" \"x\"\r\n",
        "* LIST (\\HasNoChildren) \"/\"  \"x\"\r\n",
        "* LIST (\\HasNoChildren) \"/\" \"x\" \r\n",
        "* LIST (\\HasNoChildren) \"/\" \"x\"  (\"CHILDINFO\" (\"SUBSCRIBED\"))\r\n",
        "* LIST (\\HasNoChildren) \"/\" \"x\" (\"OLDNAME\" (\"Alt&AOQ-\"))\r\n",
        "* LIST (\\HasNoChildren) \"/\" \"x\"garbage\r\n",
        "* LIST (\\HasNoChildren) \"/\" \"x\"\rX\n",
        "* LIST (\\HasNoChildren[x]) \"/\" \"x\"\r\n",
        "* LIST (\\HasNoChildren) \"/\"\"x\"\r\n",
        "* LIST (\\HasNoChildren)\"/\" \"x\"\r\n",
        "* LIST (\\HasNoChildren) \"/\r\n",
        "* LIST (\\HasNoChildren) \"/\" \"x\r\n",
        "* LIST (\\HasNoChildren\r\n",
        "* LIST (\r\n",
        "* LIST\r\n",
        "* LIST (\\HasNoChildren) \"/\" \"" + new string('n', 300) + "\"\r\n",
        "* LIST (\\HasNoChildren) \"/\" \"" + string.Concat(Enumerable.Repeat("&AOQ-", 60)) + "\"\r\n",
        "* LIST (\\HasNoChildren) \"/\" \"" + string.Concat(Enumerable.Repeat("&AOQ-", 40)) + "&-\"\r\n",
    ];

    private static IEnumerable<TestCaseData> Cases()
    {
        foreach (var line in Lines)
        {
            foreach (var quirks in new[] { ImapQuirks.All, ImapQuirks.None })
            {
                foreach (var utf8 in new[] { false, true })
                {
                    yield return new TestCaseData(line, quirks, utf8);
                }
            }
        }
    }

    [TestCaseSource(nameof(Cases))]
    public void Whole_and_byte_by_byte_agree(string line, ImapQuirks quirks, bool utf8Names)
    {
        var bytes = Encoding.UTF8.GetBytes(line);
        var limits = new ImapLimits { Quirks = quirks };
        var whole = Describe(() => ResponseParser.Parse(new ReadOnlySequence<byte>(bytes), limits, utf8Names: utf8Names));
        var split = Describe(() => ResponseParser.Parse(Segments.Split(bytes, 1), limits, utf8Names: utf8Names));
        Assert.That(whole, Is.EqualTo(split));
    }

    [Test]
    public void The_common_shape_is_read_by_the_plain_path()
    {
        var reader = new ImapReader(new ReadOnlySequence<byte>(" (\\HasNoChildren \\Sent) \"/\" \"Gesendet &APw-\"\r\n"u8.ToArray()), ImapLimits.Default);
        Assert.That(PlainListLine.TryRead(ref reader, utf8Names: false, out var entry), Is.True);
        Assert.That(entry!.Name, Is.EqualTo("Gesendet ü"));
        Assert.That(entry.Delimiter, Is.EqualTo('/'));
        Assert.That(entry.Attributes, Is.EqualTo(MailboxAttributes.HasNoChildren | MailboxAttributes.Sent));
        Assert.That(reader.IsNext((byte)'\r'), Is.True, "the line's end is left for the response parser");
    }

    [TestCase(" (\\HasNoChildren) NIL \"x\"\r\n")]
    [TestCase(" (\\X-Custom) \"/\" \"x\"\r\n")]
    [TestCase(" (\\HasNoChildren) \"/\" \"x\" (\"CHILDINFO\" (\"SUBSCRIBED\"))\r\n")]
    [TestCase(" (\\HasNoChildren) \"/\" \"a\\\\b\"\r\n")]
    [TestCase(" (\\HasNoChildren) \"/\" \"x")]
    public void Other_shapes_are_left_to_the_general_parser_with_nothing_consumed(string rest)
    {
        var reader = new ImapReader(new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(rest)), ImapLimits.Default);
        Assert.That(PlainListLine.TryRead(ref reader, utf8Names: false, out _), Is.False);
        Assert.That(reader.Consumed, Is.Zero);
    }

    private static string Describe(Func<ParsedResponse> parse)
    {
        try
        {
            var parsed = parse();
            if (parsed.Response is not ImapListResponse list)
            {
                return parsed.Response.GetType().Name;
            }

            var m = list.Mailbox;
            return $"{(list.IsLsub ? "LSUB" : "LIST")}|{m.Name}|{m.Delimiter}|{m.Attributes}|{string.Join(",", m.OtherAttributes)}|" +
                $"{string.Join(",", m.ChildInfo)}|{m.OldName}";
        }
        catch (ImapProtocolException ex)
        {
            // Where the reader stood differs between its own fast and slow paths for some errors (an 8-bit quoted
            // string is refused before or after its bytes are read): the reason must agree, not the offset.
            var at = ex.Message.IndexOf(" at offset", StringComparison.Ordinal);
            return "error: " + (at < 0 ? ex.Message : ex.Message[..at]);
        }
    }
}
