using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Store;

/// <summary>Keywords and extension flags end to end: what FETCH reports, STORE and APPEND can send back unchanged.</summary>
[TestFixture(Delivery.Whole)]
[TestFixture(Delivery.ByteByByte)]
public class KeywordTests(Delivery delivery)
{
    [Test]
    public async Task Flags_fetched_with_keywords_and_extension_flags_are_stored_back_unchanged()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server, "IMAP4rev1 LITERAL+");

        var fetch = imap.FetchAsync(SequenceSet.Single(3), new FetchRequest(FetchItems.Flags));
        var tag = await server.ExpectCommandAsync("FETCH 3 FLAGS");
        await server.SendAsync($"* 3 FETCH (FLAGS (\\Seen $Forwarded \\XCustom NonJunk \\Recent))\r\n{tag} OK done\r\n");
        var flags = (await fetch.WaitAsync(Patience)).Single().Flags!;
        Assert.That((flags.System, flags.Keywords), Is.EqualTo((SystemFlags.Seen | SystemFlags.Recent, new[] { "$Forwarded", "\\XCustom", "NonJunk" })));

        var store = imap.StoreAsync(SequenceSet.Single(4), StoreAction.Replace, flags);
        tag = await server.ExpectCommandAsync("STORE 4 FLAGS (\\Seen $Forwarded \\XCustom NonJunk)");
        await server.SendAsync($"* 4 FETCH (FLAGS (\\Seen $Forwarded \\XCustom NonJunk))\r\n{tag} OK done\r\n");
        Assert.That((await store.WaitAsync(Patience)).Single().Flags, Is.EqualTo(new MessageFlags(SystemFlags.Seen, ["$Forwarded", "\\XCustom", "NonJunk"])));

        var append = imap.AppendAsync("Sent", new MemoryStream("Subject: x\r\n\r\n"u8.ToArray()), flags);
        tag = await server.ExpectCommandAsync("APPEND Sent (\\Seen $Forwarded \\XCustom NonJunk) {14+}");
        Assert.That(await server.ReadLineAsync(), Is.EqualTo("Subject: x\r\n"));
        Assert.That(await server.ReadLineAsync(), Is.EqualTo("\r\n"));
        await server.SendAsync($"{tag} OK done\r\n");
        await append.WaitAsync(Patience);
    }

    [Test]
    public async Task Keywords_can_be_removed_and_searched_for()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);

        var store = imap.UidStoreAsync(SequenceSet.Range(1, uint.MaxValue), StoreAction.Remove, new MessageFlags(SystemFlags.None, [MessageKeywords.Junk]), silent: true);
        var tag = await server.ExpectCommandAsync("UID STORE 1:* -FLAGS.SILENT ($Junk)");
        await server.SendAsync($"{tag} OK done\r\n");
        Assert.That(await store.WaitAsync(Patience), Is.Empty);

        var search = imap.UidSearchAsync(SearchQuery.Keyword(MessageKeywords.NotJunk));
        tag = await server.ExpectCommandAsync("UID SEARCH KEYWORD $NotJunk");
        await server.SendAsync($"* SEARCH 5\r\n{tag} OK done\r\n");
        Assert.That(await search.WaitAsync(Patience), Is.EqualTo(new uint[] { 5 }));
    }
}
