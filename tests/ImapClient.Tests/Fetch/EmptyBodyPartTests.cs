using ImapClient.Tests.Infrastructure;
using ImapClient.Tests.Protocol;
using MimeKit;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Fetch;

/// <summary>
/// A body section answered with no value at all (Yandex's <c>BODY[2] )</c> for an empty attachment): with
/// <see cref="ImapQuirks.SloppyFetch"/> it is empty content, so the part is found; without, the command fails alone.
/// </summary>
[TestFixture(Delivery.Whole)]
[TestFixture(Delivery.ByteByByte)]
public class EmptyBodyPartTests(Delivery delivery)
{
    /// <summary>The Yandex answer of issue 15, for UID 3016.</summary>
    private static readonly string Answer = QuirkResponses.YandexBodySectionWithoutValue.Replace("* 12 FETCH", "* 1 FETCH", StringComparison.Ordinal);

    [Test]
    public async Task GetBodyPartAsync_returns_the_part_with_its_MIME_header_and_no_content()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);
        var part = await AttachmentAsync(server, imap);

        var fetching = imap.GetBodyPartAsync(3016, part);
        var tag = await server.ExpectCommandAsync("UID FETCH 3016 (UID BODY.PEEK[2.MIME] BODY.PEEK[2])");
        await server.SendAsync($"{Answer}{tag} OK FETCH Completed.\r\n");

        var entity = await fetching.WaitAsync(Patience);
        Assert.That(entity, Is.TypeOf<MimePart>());
        var attachment = (MimePart)entity;
        Assert.That((attachment.ContentType.MimeType, attachment.FileName), Is.EqualTo(("application/pdf", "empty.pdf")));
        using var decoded = new MemoryStream();
        if (attachment.Content is not null)
        {
            await attachment.Content.DecodeToAsync(decoded);
        }

        Assert.That(decoded.Length, Is.Zero);
    }

    [Test]
    public async Task A_section_without_a_value_is_empty_content_in_a_buffered_FETCH_too()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);
        var fetch = imap.UidFetchAsync(SequenceSet.Single(3016), new FetchRequest(FetchItems.Uid).AddBodySection("2.MIME").AddBodySection("2"));
        var tag = await server.ExpectCommandAsync("UID FETCH 3016 (UID BODY.PEEK[2.MIME] BODY.PEEK[2])");
        await server.SendAsync($"{Answer}{tag} OK FETCH Completed.\r\n");

        var message = (await fetch.WaitAsync(Patience)).Single();
        Assert.That(message.GetSection("2")?.Length, Is.Zero, "empty, not NIL");
    }

    [Test]
    public async Task Without_SloppyFetch_GetBodyPartAsync_fails_with_a_protocol_error_and_the_connection_goes_on()
    {
        await using var server = new ScriptedServer(delivery);
        var options = new ImapConnectionOptions { CommandTimeout = TimeSpan.FromSeconds(10), Quirks = ImapQuirks.All & ~ImapQuirks.SloppyFetch };
        await using var imap = await ConnectSelectedAsync(server, options: options);
        var part = await AttachmentAsync(server, imap);

        var fetching = imap.GetBodyPartAsync(3016, part);
        var tag = await server.ExpectCommandAsync("UID FETCH 3016 (UID BODY.PEEK[2.MIME] BODY.PEEK[2])");
        await server.SendAsync($"{Answer}{tag} OK FETCH Completed.\r\n");

        var error = await CatchAsync(fetching);
        Assert.That(error, Is.TypeOf<ImapProtocolException>());
        Assert.That(error!.Message, Does.Contain("a body section without a value").And.Contain("ImapQuirks.SloppyFetch"));

        var noop = imap.NoopAsync();
        tag = await server.ExpectCommandAsync("NOOP");
        await server.SendAsync($"{tag} OK NOOP completed\r\n");
        await noop.WaitAsync(Patience);
    }

    /// <summary>Part 2 of a multipart/mixed message, from its body structure.</summary>
    private static async Task<BodyPart> AttachmentAsync(ScriptedServer server, ImapConnection imap)
    {
        var fetch = imap.UidFetchAsync(SequenceSet.Single(3016), new FetchRequest(FetchItems.BodyStructure));
        var tag = await server.ExpectCommandAsync("UID FETCH 3016 BODYSTRUCTURE");
        await server.SendAsync(
            "* 1 FETCH (UID 3016 BODYSTRUCTURE ((\"TEXT\" \"PLAIN\" (\"CHARSET\" \"utf-8\") NIL NIL \"7BIT\" 2 1)"
            + "(\"APPLICATION\" \"PDF\" (\"NAME\" \"empty.pdf\") NIL NIL \"BASE64\" 0) \"MIXED\"))\r\n"
            + $"{tag} OK FETCH Completed.\r\n");
        var structure = (BodyPartMultipart)(await fetch.WaitAsync(Patience)).Single().BodyStructure!;
        Assert.That(structure.Parts[1].PartSpecifier, Is.EqualTo("2"));
        return structure.Parts[1];
    }
}
