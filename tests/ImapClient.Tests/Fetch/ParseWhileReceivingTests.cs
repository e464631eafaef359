using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Fetch;

/// <summary>
/// <see cref="FetchRequest.ParseWhileReceiving"/>: envelopes (with From, To and Cc) and body structures are built on
/// the reader loop as each FETCH response arrives, so they are ready when the command completes; the values are those
/// a read on demand gives, and a value that cannot be parsed is reported when read, as without the option.
/// </summary>
[TestFixture(Delivery.Whole)]
[TestFixture(Delivery.ByteByByte)]
public class ParseWhileReceivingTests(Delivery delivery)
{
    private const string Items = "(UID ENVELOPE BODYSTRUCTURE)";

    private static readonly FetchRequest Lazy = new(FetchItems.Uid | FetchItems.Envelope | FetchItems.BodyStructure);
    private static readonly FetchRequest Eager = new(Lazy.Items) { ParseWhileReceiving = true };

    private const string Responses =
        "* 1 FETCH (UID 11 ENVELOPE (\"Mon, 2 Feb 2026 10:00:00 +0000\" \"=?UTF-8?B?R3LDvMOfZQ==?=\" " +
        "((\"=?ISO-8859-1?Q?J=F6rg?=\" NIL \"joerg\" \"example.org\")) NIL NIL " +
        "((NIL NIL \"a\" \"example.net\")(NIL NIL \"Team\" NIL)(NIL NIL \"b\" \"example.net\")(NIL NIL NIL NIL)) " +
        "((\"Carl\" NIL \"c\" \"example.com\")) NIL \"<p@x>\" \"<m1@x>\") " +
        "BODYSTRUCTURE ((\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL \"7bit\" 10 1 NIL NIL NIL NIL)" +
        "(\"application\" \"pdf\" (\"name\" \"a.pdf\") NIL NIL \"base64\" 400 NIL (\"attachment\" (\"filename\" \"a.pdf\")) NIL NIL) " +
        "\"mixed\" (\"boundary\" \"b1\") NIL NIL NIL))\r\n" +
        "* 2 FETCH (UID 12 ENVELOPE (NIL \"plain\" NIL NIL NIL NIL NIL NIL NIL NIL) " +
        "BODYSTRUCTURE (\"text\" \"html\" NIL NIL NIL \"quoted-printable\" 20 2))\r\n";

    [Test]
    public async Task Asked_for_the_values_are_built_before_the_command_completes_and_equal_those_read_on_demand()
    {
        var eager = await FetchAsync(Eager, Responses);
        Assert.That(eager.Select(m => m.IsParsed), Is.All.True, "built on arrival, before anything read them");

        var lazy = await FetchAsync(Lazy, Responses);
        Assert.That(lazy.Select(m => m.IsParsed), Is.All.False, "without the option nothing is built until read");

        for (var i = 0; i < 2; i++)
        {
            var (e, l) = (eager[i], lazy[i]);
            using (Assert.EnterMultipleScope())
            {
                Assert.That(e.Envelope!.Subject, Is.EqualTo(l.Envelope!.Subject));
                Assert.That(e.Envelope.Date, Is.EqualTo(l.Envelope.Date));
                Assert.That(e.Envelope.MessageId, Is.EqualTo(l.Envelope.MessageId));
                Assert.That(e.Envelope.InReplyTo, Is.EqualTo(l.Envelope.InReplyTo));
                Assert.That(e.Envelope.From.ToString(), Is.EqualTo(l.Envelope.From.ToString()));
                Assert.That(e.Envelope.To.ToString(), Is.EqualTo(l.Envelope.To.ToString()));
                Assert.That(e.Envelope.Cc.ToString(), Is.EqualTo(l.Envelope.Cc.ToString()));
                Assert.That(e.Envelope.Sender.ToString(), Is.EqualTo(l.Envelope.Sender.ToString()));
                Assert.That(Describe(e.BodyStructure!), Is.EqualTo(Describe(l.BodyStructure!)));
            }
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(eager[0].Envelope!.Subject, Is.EqualTo("Grüße"));
            Assert.That(eager[0].Envelope!.From.Mailboxes.Single().Name, Is.EqualTo("Jörg"));
            Assert.That(eager[0].Envelope!.To.Count, Is.EqualTo(2), "a, then the group Team with b");
            Assert.That(Describe(eager[0].BodyStructure!), Is.EqualTo(
                "multipart/mixed[] boundary=b1 (text/plain[1] charset=utf-8 -) (application/pdf[2] name=a.pdf attachment)"));
        }
    }

    [Test]
    public async Task A_malformed_envelope_or_body_structure_is_still_reported_when_read_and_the_fetch_succeeds()
    {
        var responses =
            "* 1 FETCH (UID 7 ENVELOPE \"not an envelope\" BODYSTRUCTURE (\"text\" \"plain\" NIL NIL NIL \"7bit\" 1 1))\r\n" +
            "* 2 FETCH (UID 8 ENVELOPE (NIL \"fine\" NIL NIL NIL NIL NIL NIL NIL NIL) BODYSTRUCTURE \"not a body\")\r\n";
        var eager = await FetchAsync(Eager, responses);
        var lazy = await FetchAsync(Lazy, responses);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(eager.Select(m => m.Uid), Is.EqualTo(new uint?[] { 7, 8 }));
            Assert.That(() => eager[0].Envelope, Throws.TypeOf<ImapProtocolException>().With.Message.EqualTo(MessageOf(() => lazy[0].Envelope)));
            Assert.That(() => eager[0].Envelope, Throws.TypeOf<ImapProtocolException>().With.Message.Contains("not an envelope"), "reported again on each read");
            Assert.That(((BodyPartText)eager[0].BodyStructure!).Lines, Is.EqualTo(1), "the other value of the same message is built");
            Assert.That(eager[1].Envelope!.Subject, Is.EqualTo("fine"));
            Assert.That(() => eager[1].BodyStructure, Throws.TypeOf<ImapProtocolException>().With.Message.EqualTo(MessageOf(() => lazy[1].BodyStructure)));
        }
    }

    [Test]
    public async Task A_server_defect_is_tolerated_or_reported_by_the_quirk_switches_as_on_demand()
    {
        var responses = "* 1 FETCH (UID 7 ENVELOPE (NIL \"s\" NIL NIL NIL NIL NIL NIL NIL NIL) BODYSTRUCTURE ())\r\n";
        var strict = new ImapConnectionOptions { Quirks = ImapQuirks.All & ~ImapQuirks.SloppyBodyStructure };

        var tolerated = await FetchAsync(Eager, responses);
        var eager = await FetchAsync(Eager, responses, strict);
        var lazy = await FetchAsync(Lazy, responses, strict);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(tolerated[0].IsParsed, Is.True);
            Assert.That(((BodyPartMultipart)tolerated[0].BodyStructure!).Parts, Is.Empty, "() tolerated: an empty multipart");
            Assert.That(() => eager[0].BodyStructure, Throws.TypeOf<ImapProtocolException>()
                .With.Message.Contains("() where a body belongs, a server defect tolerated only with ImapQuirks.SloppyBodyStructure")
                .And.Message.EqualTo(MessageOf(() => lazy[0].BodyStructure)));
            Assert.That(eager[0].Envelope!.Subject, Is.EqualTo("s"));
        }
    }

    [Test]
    public async Task BODYSTRUCTURE_NIL_is_tolerated_as_an_empty_multipart_built_eagerly_or_on_demand()
    {
        // NIL is the whole stored item here: nothing follows it to delimit the keyword.
        var responses = "* 1 FETCH (UID 7 ENVELOPE (NIL \"s\" NIL NIL NIL NIL NIL NIL NIL NIL) BODYSTRUCTURE NIL)\r\n";
        var strict = new ImapConnectionOptions { Quirks = ImapQuirks.All & ~ImapQuirks.SloppyBodyStructure };

        var eager = await FetchAsync(Eager, responses);
        var lazy = await FetchAsync(Lazy, responses);
        var refused = await FetchAsync(Lazy, responses, strict);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(eager[0].IsParsed, Is.True);
            Assert.That(((BodyPartMultipart)eager[0].BodyStructure!).Parts, Is.Empty);
            Assert.That(((BodyPartMultipart)lazy[0].BodyStructure!).Parts, Is.Empty);
            Assert.That(() => refused[0].BodyStructure, Throws.TypeOf<ImapProtocolException>()
                .With.Message.Contains("NIL where a body belongs, a server defect tolerated only with ImapQuirks.SloppyBodyStructure"));
        }
    }

    /// <summary>One FETCH of messages 1:n answered with <paramref name="responses"/>; asserts the command written.</summary>
    private async Task<IReadOnlyList<FetchedMessage>> FetchAsync(FetchRequest request, string responses, ImapConnectionOptions? options = null)
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server, options: options);
        var count = (uint)responses.Split("* ").Length - 1;
        var fetching = imap.FetchAsync(SequenceSet.Range(1, count), request);
        var tag = await server.ExpectCommandAsync($"FETCH 1{(count > 1 ? $":{count}" : "")} {Items}");
        await server.SendAsync(responses + $"{tag} OK done\r\n");
        return await fetching.WaitAsync(Patience);
    }

    private static string MessageOf(Func<object?> read)
    {
        try
        {
            read();
        }
        catch (ImapProtocolException e)
        {
            return e.Message;
        }

        return "(no error)";
    }

    private static string Describe(BodyPart part)
    {
        var parameters = string.Join("", part.ContentType.Parameters.Select(p => $" {p.Name}={p.Value}"));
        var head = $"{part.ContentType.MimeType}[{part.PartSpecifier}]{parameters}";
        return part switch
        {
            BodyPartMultipart multipart => head + string.Concat(multipart.Parts.Select(p => $" ({Describe(p)})")),
            _ => $"{head} {part.ContentDisposition?.Disposition ?? "-"}",
        };
    }
}
