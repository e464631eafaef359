using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Connection;

/// <summary>ENABLE (RFC 5161), and what UTF8=ACCEPT (RFC 6855) and IMAP4rev2 change: names as UTF-8 both ways.</summary>
[TestFixture(Delivery.Whole)]
[TestFixture(Delivery.ByteByByte)]
public class EnableTests(Delivery delivery)
{
    private const string NonLatin = "Tom &- Jerry/Входящие & 台北 📧";

    private static async Task<ImapCapabilities> EnableAsync(ScriptedServer server, ImapConnection imap, string asked, string enabled)
    {
        var enable = imap.EnableAsync(asked.Split(' '));
        var tag = await server.ExpectCommandAsync("ENABLE " + asked);
        await server.SendAsync($"* ENABLED{(enabled.Length > 0 ? " " + enabled : "")}\r\n{tag} OK Enabled\r\n");
        return await enable.WaitAsync(Patience);
    }

    [TestCase("UTF8=ACCEPT")]
    [TestCase("IMAP4rev2")]
    public async Task Once_UTF8_names_are_enabled_names_go_out_and_come_back_as_UTF8_ampersands_included(string capability)
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync($"* PREAUTH [CAPABILITY IMAP4rev1 ENABLE {capability}] ready\r\n");

        var enabled = await EnableAsync(server, imap, capability, capability);
        Assert.That(enabled.Contains(capability), Is.True);
        Assert.That(imap.EnabledCapabilities.Contains(capability), Is.True);

        // Quoted UTF-8, not a literal: without LITERAL+ a literal would cost a round trip per name.
        var create = imap.CreateAsync(NonLatin);
        var tag = await server.ExpectCommandAsync($"CREATE \"{NonLatin}\"");
        await server.SendAsync($"{tag} OK done\r\n");
        await create.WaitAsync(Patience);

        var list = imap.ListAsync("", "Tom*");
        tag = await server.ExpectCommandAsync("LIST \"\" Tom*");
        await server.SendAsync($"* LIST () \"/\" \"{NonLatin}\"\r\n* LIST () \"/\" {{12}}\r\nTom &- Jerry\r\n{tag} OK done\r\n");
        Assert.That((await list.WaitAsync(Patience)).Select(m => m.Name), Is.EqualTo(new[] { NonLatin, "Tom &- Jerry" }), "& is an ordinary character in UTF-8 names");

        var status = imap.StatusAsync("Entwürfe", StatusItems.Messages);
        tag = await server.ExpectCommandAsync("STATUS \"Entwürfe\" (MESSAGES)");
        await server.SendAsync($"* STATUS \"Entwürfe\" (MESSAGES 3)\r\n{tag} OK done\r\n");
        Assert.That((await status.WaitAsync(Patience)).Mailbox, Is.EqualTo("Entwürfe"));

        var select = imap.SelectAsync("台北");
        tag = await server.ExpectCommandAsync("SELECT \"台北\"");
        await server.SendAsync($"* 0 EXISTS\r\n{tag} OK [READ-WRITE] done\r\n");
        await select.WaitAsync(Patience);

        var copy = imap.UidCopyAsync(SequenceSet.Single(1), "Архив & Co");
        tag = await server.ExpectCommandAsync("UID COPY 1 \"Архив & Co\"");
        await server.SendAsync($"{tag} OK done\r\n");
        await copy.WaitAsync(Patience);
    }

    [Test]
    public async Task A_server_that_enables_nothing_keeps_modified_UTF7()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync("* PREAUTH [CAPABILITY IMAP4rev1 ENABLE] ready\r\n");

        var enabled = await EnableAsync(server, imap, "UTF8=ACCEPT CONDSTORE", "CONDSTORE");
        Assert.That((enabled.Contains("UTF8=ACCEPT"), enabled.Contains("CONDSTORE")), Is.EqualTo((false, true)));

        var create = imap.CreateAsync("Tom & Jerry/Входящие");
        var tag = await server.ExpectCommandAsync("CREATE \"Tom &- Jerry/&BBIERQQ+BDQETwRJBDgENQ-\"");
        await server.SendAsync($"{tag} OK done\r\n");
        await create.WaitAsync(Patience);

        // Without any * ENABLED at all, too.
        var enable = imap.EnableAsync("UTF8=ACCEPT");
        tag = await server.ExpectCommandAsync("ENABLE UTF8=ACCEPT");
        await server.SendAsync($"{tag} OK nothing to enable\r\n");
        Assert.That((await enable.WaitAsync(Patience)).All, Is.Empty);
        Assert.That(imap.EnabledCapabilities.All, Is.EqualTo(new[] { "CONDSTORE" }));

        var delete = imap.DeleteAsync("台北&");
        tag = await server.ExpectCommandAsync("DELETE &U,BTFw-&-");
        await server.SendAsync($"{tag} OK done\r\n");
        await delete.WaitAsync(Patience);
    }

    [Test]
    public async Task After_UTF8_ACCEPT_a_search_names_no_charset_and_sends_its_text_quoted()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync("* PREAUTH [CAPABILITY IMAP4rev1 ENABLE UTF8=ACCEPT ESEARCH] ready\r\n");
        await EnableAsync(server, imap, "UTF8=ACCEPT", "UTF8=ACCEPT");
        var select = imap.SelectAsync("INBOX");
        var tag = await server.ExpectCommandAsync("SELECT INBOX");
        await server.SendAsync($"* 5 EXISTS\r\n{tag} OK [READ-WRITE] done\r\n");
        await select.WaitAsync(Patience);

        var search = imap.SearchAsync(SearchQuery.Subject("Grüße \"Ω\""));
        tag = await server.ExpectCommandAsync("SEARCH SUBJECT \"Grüße \\\"Ω\\\"\"");
        await server.SendAsync($"* SEARCH 2\r\n{tag} OK done\r\n");
        Assert.That(await search.WaitAsync(Patience), Is.EqualTo(new uint[] { 2 }));

        var extended = imap.UidSearchAsync(SearchQuery.From("Jürgen"), SearchReturnOptions.Count);
        var (extendedTag, command) = SplitTag(await server.ReadLineAsync());
        Assert.That(command, Is.EqualTo("UID SEARCH RETURN (COUNT) FROM \"Jürgen\""));
        await server.SendAsync($"* ESEARCH (TAG \"{extendedTag}\") UID COUNT 1\r\n{extendedTag} OK done\r\n");
        Assert.That((await extended.WaitAsync(Patience)).Count, Is.EqualTo(1u));
    }

    [Test]
    public async Task A_multiline_name_is_refused_in_UTF8_mode_too()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync("* PREAUTH [CAPABILITY IMAP4rev1 ENABLE UTF8=ACCEPT LITERAL+] ready\r\n");
        await EnableAsync(server, imap, "UTF8=ACCEPT", "UTF8=ACCEPT");

        Assert.That(await CatchAsync(imap.CreateAsync("a\r\nb")), Is.TypeOf<ArgumentException>());
        await AssertNothingWasSentAsync(server, imap, "A0002");
    }

    [Test]
    public async Task After_IMAP4rev2_is_enabled_STATUS_RECENT_is_refused_before_sending()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync("* PREAUTH [CAPABILITY IMAP4rev1 IMAP4rev2 ENABLE] ready\r\n");
        await EnableAsync(server, imap, "IMAP4rev2", "IMAP4rev2");

        var ex = await CatchAsync(imap.StatusAsync("INBOX", StatusItems.Recent | StatusItems.Messages));
        Assert.That(ex, Is.TypeOf<NotSupportedException>());
        Assert.That(ex!.Message, Does.Contain("RECENT"));
        await AssertNothingWasSentAsync(server, imap, "A0002");
    }

    [Test]
    public async Task ENABLE_is_refused_before_sending_when_it_cannot_work()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync("* OK [CAPABILITY IMAP4rev1 ENABLE] ready\r\n");

        Assert.That(await CatchAsync(imap.EnableAsync("UTF8=ACCEPT")), Is.TypeOf<InvalidOperationException>(), "not signed in");
        Assert.That(await CatchAsync(imap.EnableAsync("TWO WORDS")), Is.TypeOf<ArgumentException>());
        Assert.That(await CatchAsync(imap.EnableAsync("X\r\nA1 LOGOUT")), Is.TypeOf<ArgumentException>());
        Assert.That(await CatchAsync(imap.EnableAsync(Array.Empty<string>())), Is.TypeOf<ArgumentException>());
        Assert.ThrowsAsync<ArgumentException>(() => imap.EnableAsync(""));
        await AssertNothingWasSentAsync(server, imap, "A0001");
    }

    [Test]
    public async Task ENABLE_needs_the_capability_and_no_selected_mailbox()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server, "IMAP4rev1 ENABLE");
        Assert.That(await CatchAsync(imap.EnableAsync("CONDSTORE")), Is.TypeOf<InvalidOperationException>());
        await AssertNothingWasSentAsync(server, imap, "A0002");

        await using var server2 = new ScriptedServer(delivery);
        await using var imap2 = await server2.ConnectAsync("* PREAUTH [CAPABILITY IMAP4rev1] ready\r\n");
        var ex = await CatchAsync(imap2.EnableAsync("CONDSTORE"));
        Assert.That(ex, Is.TypeOf<NotSupportedException>());
        Assert.That(ex!.Message, Does.Contain("ENABLE"));
        await AssertNothingWasSentAsync(server2, imap2, "A0001");
    }

    [Test]
    public async Task A_refused_ENABLE_carries_the_servers_words_and_changes_nothing()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync("* PREAUTH [CAPABILITY IMAP4rev2] ready\r\n");

        var enable = imap.EnableAsync("UTF8=ACCEPT");
        var tag = await server.ExpectCommandAsync("ENABLE UTF8=ACCEPT");
        await server.SendAsync($"{tag} BAD [CLIENTBUG] Not now\r\n");
        var ex = (ImapCommandException?)await CatchAsync(enable);
        Assert.That((ex!.CommandName, ex.Status, ex.ResponseCode?.Name, ex.ResponseText), Is.EqualTo(("ENABLE", ImapStatus.Bad, "CLIENTBUG", "Not now")));
        Assert.That(imap.EnabledCapabilities.All, Is.Empty);

        var create = imap.CreateAsync("Ä");
        tag = await server.ExpectCommandAsync("CREATE &AMQ-");
        await server.SendAsync($"{tag} OK done\r\n");
        await create.WaitAsync(Patience);
    }

    [Test]
    public async Task After_QRESYNC_is_enabled_expunges_come_as_VANISHED_and_QRESYNC_SELECT_may_be_sent()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync("* PREAUTH [CAPABILITY IMAP4rev1 ENABLE CONDSTORE QRESYNC UIDPLUS MOVE] ready\r\n");
        await EnableAsync(server, imap, "QRESYNC", "QRESYNC");

        var select = imap.SelectAsync("INBOX", new SelectOptions { Qresync = new QresyncState(67890007, 90060115194045000) });
        var tag = await server.ExpectCommandAsync("SELECT INBOX (QRESYNC (67890007 90060115194045000))");
        await server.SendAsync($"* 10 EXISTS\r\n* OK [UIDVALIDITY 67890007] ok\r\n* VANISHED (EARLIER) 41,43:116\r\n{tag} OK [READ-WRITE] done\r\n");
        Assert.That((await select.WaitAsync(Patience)).Changes!.Vanished!.ToString(), Is.EqualTo("41,43:116"));

        var expunge = imap.UidExpungeAsync(SequenceSet.Range(3, 9));
        tag = await server.ExpectCommandAsync("UID EXPUNGE 3:9");
        await server.SendAsync($"* VANISHED 3,5\r\n* VANISHED 8:9\r\n{tag} OK done\r\n");
        var expunged = await expunge.WaitAsync(Patience);
        Assert.That((expunged.SequenceNumbers.Count, expunged.VanishedUids!.ToString()), Is.EqualTo((0, "3,5,8:9")));
        Assert.That(imap.SelectedMailbox!.Exists, Is.EqualTo(6u));

        var move = imap.UidMoveAsync(SequenceSet.Single(12), "Archiv");
        tag = await server.ExpectCommandAsync("UID MOVE 12 Archiv");
        await server.SendAsync($"* OK [COPYUID 1 12 700] moved\r\n* VANISHED 12\r\n{tag} OK done\r\n");
        var moved = await move.WaitAsync(Patience);
        Assert.That((moved.UidMap[12], moved.VanishedUids!.ToString(), moved.ExpungedSequenceNumbers.Count), Is.EqualTo((700u, "12", 0)));
        Assert.That(imap.SelectedMailbox!.Exists, Is.EqualTo(5u));

        var plain = imap.ExpungeAsync();
        tag = await server.ExpectCommandAsync("EXPUNGE");
        await server.SendAsync($"{tag} OK nothing\r\n");
        Assert.That((await plain.WaitAsync(Patience)).VanishedUids, Is.Null);
    }

    [Test]
    public async Task ENABLE_runs_alone()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync("* PREAUTH [CAPABILITY IMAP4rev1 ENABLE UTF8=ACCEPT] ready\r\n");

        var noop = imap.NoopAsync();
        var noopTag = await server.ExpectCommandAsync("NOOP");
        var enable = imap.EnableAsync("UTF8=ACCEPT");
        var next = await AssertClientSilentAsync(server, "ENABLE waits for the commands in flight");
        await server.SendAsync($"{noopTag} OK done\r\n");
        var (enableTag, command) = SplitTag(await next.WaitAsync(Patience));
        Assert.That(command, Is.EqualTo("ENABLE UTF8=ACCEPT"));

        // Encoded now, this name would be modified UTF-7: it must wait until the server has answered ENABLE.
        var create = imap.CreateAsync("Ü");
        next = await AssertClientSilentAsync(server, "nothing runs beside ENABLE");
        await server.SendAsync($"* ENABLED UTF8=ACCEPT\r\n{enableTag} OK done\r\n");
        await enable.WaitAsync(Patience);
        var (createTag, createCommand) = SplitTag(await next.WaitAsync(Patience));
        Assert.That(createCommand, Is.EqualTo("CREATE \"Ü\""));
        await server.SendAsync($"{createTag} OK done\r\n");
        await create.WaitAsync(Patience);
    }

    [Test]
    public async Task An_OK_without_ENABLED_counts_the_requested_extensions_the_server_advertises()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync("* PREAUTH [CAPABILITY IMAP4rev1 ENABLE CONDSTORE QRESYNC] ready\r\n");

        var enable = imap.EnableAsync(["QRESYNC", "CONDSTORE", "UTF8=ACCEPT"]);
        var tag = await server.ExpectCommandAsync("ENABLE QRESYNC CONDSTORE UTF8=ACCEPT");
        await server.SendAsync($"{tag} OK ENABLE completed\r\n");
        var enabled = await enable.WaitAsync(Patience);

        Assert.That(enabled.All, Is.EquivalentTo(new[] { "QRESYNC", "CONDSTORE" }), "UTF8=ACCEPT is not advertised");
        Assert.That(imap.EnabledCapabilities.Contains("QRESYNC"), Is.True);

        // QRESYNC is usable: a UID FETCH with VANISHED is sent, not refused.
        var select = imap.SelectAsync("INBOX");
        tag = await server.ExpectCommandAsync("SELECT INBOX");
        await server.SendAsync($"* 2 EXISTS\r\n{tag} OK [READ-WRITE] done\r\n");
        await select.WaitAsync(Patience);
        var changes = imap.UidFetchChangesAsync(SequenceSet.All, new FetchRequest(FetchItems.Uid | FetchItems.Flags) { ChangedSince = 5, Vanished = true });
        tag = await server.ExpectCommandAsync("UID FETCH 1:* (UID FLAGS) (CHANGEDSINCE 5 VANISHED)");
        await server.SendAsync($"* VANISHED (EARLIER) 3\r\n{tag} OK done\r\n");
        Assert.That((await changes.WaitAsync(Patience)).Vanished?.ToString(), Is.EqualTo("3"));
    }

    [Test]
    public async Task Without_the_EnableWithoutEnabled_switch_an_OK_without_ENABLED_enables_nothing()
    {
        await using var server = new ScriptedServer(delivery);
        var options = new ImapConnectionOptions { CommandTimeout = TimeSpan.FromSeconds(10), Quirks = ImapQuirks.All & ~ImapQuirks.EnableWithoutEnabled };
        await using var imap = await server.ConnectAsync("* PREAUTH [CAPABILITY IMAP4rev1 ENABLE CONDSTORE QRESYNC] ready\r\n", options);

        var enable = imap.EnableAsync(["QRESYNC", "CONDSTORE"]);
        var tag = await server.ExpectCommandAsync("ENABLE QRESYNC CONDSTORE");
        await server.SendAsync($"{tag} OK ENABLE completed\r\n");

        Assert.That((await enable.WaitAsync(Patience)).All, Is.Empty);
        Assert.That(imap.EnabledCapabilities.All, Is.Empty);
    }

    [Test]
    public async Task An_ENABLED_response_is_what_counts_even_when_it_names_less_than_was_asked()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync("* PREAUTH [CAPABILITY IMAP4rev1 ENABLE CONDSTORE QRESYNC] ready\r\n");

        var enabled = await EnableAsync(server, imap, "QRESYNC CONDSTORE", "CONDSTORE");
        Assert.That(enabled.All, Is.EquivalentTo(new[] { "CONDSTORE" }));

        enabled = await EnableAsync(server, imap, "QRESYNC", "");
        Assert.That(enabled.All, Is.Empty, "an empty ENABLED line says nothing was enabled");
        Assert.That(imap.EnabledCapabilities.Contains("QRESYNC"), Is.False);
    }
}
