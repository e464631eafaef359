using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Connection;

/// <summary>
/// What an IMAP4rev2 server (RFC 9051) sends differently: ESEARCH for a plain SEARCH, a LIST and no RECENT during
/// SELECT, OK [CLOSED] between mailboxes, 63-bit sizes and response codes rev1 never had.
/// </summary>
[TestFixture(Delivery.Whole)]
[TestFixture(Delivery.ByteByByte)]
public class Imap4Rev2Tests(Delivery delivery)
{
    [Test]
    public async Task A_plain_SEARCH_answered_with_ESEARCH_gives_the_numbers()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server, "IMAP4rev2");

        var search = imap.SearchAsync(SearchQuery.Unseen);
        var tag = await server.ExpectCommandAsync("SEARCH UNSEEN");
        await server.SendAsync($"* ESEARCH (TAG \"{tag}\") ALL 2,10:12,4\r\n{tag} OK SEARCH completed\r\n");
        var result = await search.WaitAsync(Patience);
        Assert.That(result, Is.EqualTo(new uint[] { 2, 10, 11, 12, 4 }));
        Assert.That(result.IsUid, Is.False);

        var uidSearch = imap.UidSearchAsync(SearchQuery.All);
        tag = await server.ExpectCommandAsync("UID SEARCH ALL");
        await server.SendAsync($"* ESEARCH (TAG \"{tag}\") UID ALL 3:5 MODSEQ 917162500\r\n{tag} OK done\r\n");
        var uids = await uidSearch.WaitAsync(Patience);
        Assert.That((uids.ToArray(), uids.IsUid, uids.HighestModSeq), Is.EqualTo((new uint[] { 3, 4, 5 }, true, (ulong?)917162500)));
    }

    [TestCase("* ESEARCH (TAG \"{0}\")\r\n")]
    [TestCase("* ESEARCH (TAG \"{0}\") UID\r\n")]
    [TestCase("")]
    public async Task An_ESEARCH_without_matches_is_an_empty_result(string reply)
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server, "IMAP4rev2");

        var search = imap.UidSearchAsync(SearchQuery.Flagged);
        var tag = await server.ExpectCommandAsync("UID SEARCH FLAGGED");
        await server.SendAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, reply, tag) + $"{tag} OK done\r\n");
        Assert.That(await search.WaitAsync(Patience), Is.Empty);
    }

    [Test]
    public async Task An_ESEARCH_for_another_tag_is_not_taken_but_one_without_a_tag_is()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server, "IMAP4rev2");
        var untagged = new EventQueue<UntaggedResponseEventArgs>();
        imap.UntaggedResponse += untagged.Handler;

        var search = imap.SearchAsync(SearchQuery.All);
        var tag = await server.ExpectCommandAsync("SEARCH ALL");
        await server.SendAsync($"* ESEARCH (TAG \"Z9\") ALL 7\r\n* ESEARCH ALL 1:2\r\n{tag} OK done\r\n");
        Assert.That(await search.WaitAsync(Patience), Is.EqualTo(new uint[] { 1, 2 }));
        Assert.That(((ImapESearchResponse)(await untagged.NextAsync()).Response).Tag, Is.EqualTo("Z9"));
    }

    [Test]
    public async Task An_ESEARCH_range_too_large_to_list_fails_only_its_search()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server, "IMAP4rev2");

        var search = imap.UidSearchAsync(SearchQuery.All);
        var tag = await server.ExpectCommandAsync("UID SEARCH ALL");
        await server.SendAsync($"* ESEARCH (TAG \"{tag}\") UID ALL 1:4000000000\r\n{tag} OK done\r\n");
        var ex = await CatchAsync(search);
        Assert.That(ex, Is.TypeOf<ImapProtocolException>());
        Assert.That(ex!.Message, Does.Contain("1:4000000000"));
        await AssertNothingWasSentAsync(server, imap, "A0003");
    }

    [Test]
    public async Task SELECT_takes_the_LIST_a_rev2_server_sends_and_needs_no_RECENT()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync("* PREAUTH [CAPABILITY IMAP4rev2] ready\r\n");
        var untagged = new EventQueue<UntaggedResponseEventArgs>();
        imap.UntaggedResponse += untagged.Handler;

        var select = imap.SelectAsync("inbox");
        var tag = await server.ExpectCommandAsync("SELECT inbox");
        await server.SendAsync(
            "* 172 EXISTS\r\n* OK [UIDVALIDITY 3857529045] UIDs valid\r\n* OK [UIDNEXT 4392] Predicted next UID\r\n" +
            "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Forwarded)\r\n" +
            "* OK [PERMANENTFLAGS (\\Deleted \\Seen \\*)] Limited\r\n* LIST () \"/\" INBOX\r\n" +
            $"{tag} OK [READ-WRITE] SELECT completed\r\n");
        var mailbox = await select.WaitAsync(Patience);

        Assert.That((mailbox.Exists, mailbox.Recent, mailbox.UidValidity, mailbox.UidNext), Is.EqualTo((172u, 0u, (uint?)3857529045, (uint?)4392)));
        Assert.That(mailbox.Flags.Contains(MessageKeywords.Forwarded), Is.True);
        Assert.That((mailbox.PermanentFlags!.AllowsNewKeywords, mailbox.PermanentFlags.System), Is.EqualTo((true, SystemFlags.Deleted | SystemFlags.Seen)));
        await AssertNothingWasSentAsync(server, imap, "A0002");
        Assert.That(untagged.Drain(), Is.Empty, "the LIST belonged to SELECT");
    }

    [Test]
    public async Task What_arrives_before_OK_CLOSED_is_about_the_old_mailbox_and_is_forgotten()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server, "IMAP4rev2");

        var select = imap.SelectAsync("Archiv");
        var tag = await server.ExpectCommandAsync("SELECT Archiv");
        await server.SendAsync(
            "* 21 EXISTS\r\n* OK [PERMANENTFLAGS (\\Seen \\*)] old mailbox\r\n* OK [UIDNEXT 99] old\r\n* OK [CLOSED] Previous mailbox closed\r\n" +
            $"* 3 EXISTS\r\n* FLAGS (\\Seen)\r\n* OK [UIDVALIDITY 7] ok\r\n{tag} OK [READ-ONLY] done\r\n");
        var mailbox = await select.WaitAsync(Patience);

        Assert.That((mailbox.Name, mailbox.Exists, mailbox.UidValidity, mailbox.UidNext, mailbox.PermanentFlags, mailbox.Access),
            Is.EqualTo(("Archiv", 3u, (uint?)7, (uint?)null, (MessageFlags?)null, MailboxAccess.ReadOnly)));
        Assert.That(imap.SelectedMailbox!.Exists, Is.EqualTo(3u));
    }

    [Test]
    public async Task Response_codes_rev1_never_had_are_kept_and_ignored()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server, "IMAP4rev2");
        var untagged = new EventQueue<UntaggedResponseEventArgs>();
        imap.UntaggedResponse += untagged.Handler;

        var noop = imap.NoopAsync();
        var tag = await server.ExpectCommandAsync("NOOP");
        await server.SendAsync(
            "* OK [HASCHILDREN] odd but harmless\r\n* NO [UNAVAILABLE] Backend down\r\n* OK [X-FUTURE (a [b] \"c\")] later\r\n" +
            $"{tag} OK [EXPUNGEISSUED] NOOP completed\r\n");
        var ok = await noop.WaitAsync(Patience);
        Assert.That((ok.Code!.Kind, ok.Code.Name), Is.EqualTo((ImapResponseCodeKind.Unknown, "EXPUNGEISSUED")));

        var codes = new[] { (await untagged.NextAsync()).Response, (await untagged.NextAsync()).Response }
            .Cast<ImapStatusResponse>().Select(r => r.Code!.Name);
        Assert.That(codes, Is.EqualTo(new[] { "HASCHILDREN", "UNAVAILABLE" }));
        Assert.That(imap.State, Is.EqualTo(ImapConnectionState.Selected));
        Assert.That(imap.SelectedMailbox!.Exists, Is.EqualTo(20u));
    }

    [Test]
    public async Task Sizes_beyond_32_bits_are_read()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server, "IMAP4rev2");

        var fetch = imap.FetchAsync(SequenceSet.Single(1), new FetchRequest(FetchItems.Size));
        var tag = await server.ExpectCommandAsync("FETCH 1 RFC822.SIZE");
        await server.SendAsync($"* 1 FETCH (RFC822.SIZE 9007199254740993)\r\n{tag} OK done\r\n");
        Assert.That((await fetch.WaitAsync(Patience)).Single().Size, Is.EqualTo(9007199254740993L));

        var status = imap.StatusAsync("Archiv", StatusItems.Size);
        tag = await server.ExpectCommandAsync("STATUS Archiv (SIZE)");
        await server.SendAsync($"* STATUS Archiv (SIZE 5000000000)\r\n{tag} OK done\r\n");
        Assert.That((await status.WaitAsync(Patience)).Size, Is.EqualTo(5000000000UL));
    }

    [Test]
    public void IMAP4rev2_implies_the_extensions_RFC_9051_folded_in_and_no_others()
    {
        var rev2 = new ImapCapabilities(["IMAP4rev2", "AUTH=PLAIN"]);
        foreach (var folded in new[] { "NAMESPACE", "UNSELECT", "UIDPLUS", "ESEARCH", "SEARCHRES", "ENABLE", "IDLE", "SASL-IR",
                     "LIST-EXTENDED", "LIST-STATUS", "MOVE", "LITERAL-", "BINARY", "STATUS=SIZE", "CHILDREN", "move" })
        {
            Assert.That(rev2.Contains(folded), Is.True, folded);
        }

        Assert.That((rev2.Idle, rev2.UidPlus, rev2.SaslInitialResponse, rev2.LiteralMinus), Is.EqualTo((true, true, true, true)));
        // SPECIAL-USE: RFC 9051 took its mailbox attributes, not the LIST options the capability stands for.
        foreach (var extension in new[] { "LITERAL+", "CONDSTORE", "QRESYNC", "SPECIAL-USE", "CREATE-SPECIAL-USE", "COMPRESS=DEFLATE", "IMAP4rev1" })
        {
            Assert.That(rev2.Contains(extension), Is.False, extension);
        }

        Assert.That(rev2.All, Is.EquivalentTo(new[] { "IMAP4rev2", "AUTH=PLAIN" }), "All holds what the server sent");
        Assert.That(new ImapCapabilities(["IMAP4rev1"]).Contains("MOVE"), Is.False);
    }

    [Test]
    public async Task A_server_offering_only_IMAP4rev2_gets_ESEARCH_return_options_SAVE_and_BINARY()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server, "IMAP4rev2");

        var count = imap.UidSearchAsync(SearchQuery.Unseen, SearchReturnOptions.Count | SearchReturnOptions.Min);
        var tag = await server.ExpectCommandAsync("UID SEARCH RETURN (MIN COUNT) UNSEEN");
        await server.SendAsync($"* ESEARCH (TAG \"{tag}\") UID MIN 4 COUNT 2\r\n{tag} OK done\r\n");
        Assert.That((await count.WaitAsync(Patience)).Count, Is.EqualTo(2u));

        var save = imap.SearchAsync(SearchQuery.Deleted, SearchReturnOptions.Save);
        tag = await server.ExpectCommandAsync("SEARCH RETURN (SAVE) DELETED");
        await server.SendAsync($"{tag} OK saved\r\n");
        await save.WaitAsync(Patience);

        var binary = imap.UidFetchAsync(SequenceSet.Single(7), new FetchRequest(FetchItems.Uid).AddBodySection("1", binary: true));
        tag = await server.ExpectCommandAsync("UID FETCH 7 (UID BINARY.PEEK[1])");
        await server.SendAsync($"* 3 FETCH (UID 7 BINARY[1] {{2}}\r\nhi)\r\n{tag} OK done\r\n");
        Assert.That((await binary.WaitAsync(Patience)).Single().Uid, Is.EqualTo(7u));
    }

    [Test]
    public async Task IdleAsync_on_a_server_offering_only_IMAP4rev2_sends_IDLE_not_NOOP()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server, "IMAP4rev2");
        using var done = new CancellationTokenSource();

        var idling = imap.IdleAsync(done.Token);
        var tag = await server.ExpectCommandAsync("IDLE");
        await server.SendAsync("+ idling\r\n");
        var next = await AssertClientSilentAsync(server, "the client idles until told to stop");

        await done.CancelAsync();
        Assert.That(await next.WaitAsync(Patience), Is.EqualTo("DONE\r\n"));
        await server.SendAsync($"{tag} OK IDLE terminated\r\n");
        await idling.WaitAsync(Patience);
    }
}
