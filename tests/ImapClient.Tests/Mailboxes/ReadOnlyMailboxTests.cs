using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Mailboxes;

/// <summary>
/// In a mailbox opened read-only (EXAMINE, or a SELECT the server answered READ-ONLY) the calls that would change it
/// are refused before anything is sent: servers differ on what they do with them (Dovecot ignores a STORE, others
/// apply it). COPY from it changes only the target and goes through.
/// </summary>
[TestFixture(Delivery.Whole)]
[TestFixture(Delivery.ByteByByte)]
public class ReadOnlyMailboxTests(Delivery delivery)
{
    private static readonly MessageFlags Seen = new(SystemFlags.Seen);

    private const string Capabilities = "IMAP4rev1 UIDPLUS MOVE CONDSTORE";

    /// <summary>PREAUTH, then INBOX opened with EXAMINE (tag A0001) or SELECT, answered with <paramref name="completion"/>.</summary>
    private async Task<ImapConnection> OpenAsync(ScriptedServer server, bool examine, string completion, string capabilities = Capabilities)
    {
        var imap = await server.ConnectAsync($"* PREAUTH [CAPABILITY {capabilities}] ready\r\n");
        var open = examine ? imap.ExamineAsync("INBOX") : imap.SelectAsync("INBOX");
        var tag = await server.ExpectCommandAsync(examine ? "EXAMINE INBOX" : "SELECT INBOX");
        await server.SendAsync($"* 3 EXISTS\r\n* OK [UIDVALIDITY 1] ok\r\n{tag} {completion}\r\n");
        await open.WaitAsync(Patience);
        return imap;
    }

    /// <summary>Calls that change the selected mailbox.</summary>
    public static IEnumerable<TestCaseData> Changes()
    {
        static TestCaseData Case(string api, Func<ImapConnection, Task> call) => new TestCaseData(api, call).SetArgDisplayNames(api);
        yield return Case("StoreAsync", imap => imap.StoreAsync(SequenceSet.Single(1), StoreAction.Add, Seen));
        yield return Case("UidStoreAsync", imap => imap.UidStoreAsync(SequenceSet.Single(1), StoreAction.Replace, Seen, silent: true));
        yield return Case("StoreAsync", imap => imap.StoreAsync(SequenceSet.Single(1), StoreAction.Add, Seen, unchangedSince: 9));
        yield return Case("UidStoreAsync", imap => imap.UidStoreAsync(SequenceSet.Single(1), StoreAction.Add, new MessageFlags(SystemFlags.None, ["$Important"]), unchangedSince: 9));
        yield return Case("ExpungeAsync", imap => imap.ExpungeAsync());
        yield return Case("UidExpungeAsync", imap => imap.UidExpungeAsync(SequenceSet.Single(1)));
        yield return Case("MoveAsync", imap => imap.MoveAsync(SequenceSet.Single(1), "Archive"));
        yield return Case("UidMoveAsync", imap => imap.UidMoveAsync(SequenceSet.Single(1), "Archive"));
    }

    [TestCaseSource(nameof(Changes))]
    public async Task A_change_to_an_examined_mailbox_is_refused_naming_SelectAsync(string api, Func<ImapConnection, Task> call)
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await OpenAsync(server, examine: true, "OK [READ-ONLY] EXAMINE completed");

        var ex = await CatchAsync(call(imap));

        Assert.That(ex, Is.TypeOf<InvalidOperationException>());
        Assert.That(ex!.Message, Is.EqualTo(
            $"{api} would change the mailbox \"INBOX\", which was opened read-only with ExamineAsync; nothing was sent. Open it with SelectAsync to change it."));
        await AssertNothingWasSentAsync(server, imap, "A0002");
    }

    [TestCaseSource(nameof(Changes))]
    public async Task A_change_is_refused_after_EXAMINE_even_when_the_server_omits_READ_ONLY(string api, Func<ImapConnection, Task> call)
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await OpenAsync(server, examine: true, "OK EXAMINE completed");

        var ex = await CatchAsync(call(imap));

        Assert.That(ex, Is.TypeOf<InvalidOperationException>());
        Assert.That(ex!.Message, Does.StartWith($"{api} would change the mailbox \"INBOX\"").And.Contain("SelectAsync"));
        await AssertNothingWasSentAsync(server, imap, "A0002");
    }

    [TestCaseSource(nameof(Changes))]
    public async Task A_change_is_refused_when_the_server_answered_SELECT_with_READ_ONLY(string api, Func<ImapConnection, Task> call)
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await OpenAsync(server, examine: false, "OK [READ-ONLY] SELECT completed, but no write access");

        var ex = await CatchAsync(call(imap));

        Assert.That(ex, Is.TypeOf<InvalidOperationException>());
        Assert.That(ex!.Message, Is.EqualTo(
            $"{api} would change the mailbox \"INBOX\", which the server opened read-only (READ-ONLY): this user may not change it. Nothing was sent."));
        await AssertNothingWasSentAsync(server, imap, "A0002");
    }

    [Test]
    public async Task The_MOVE_fallback_is_refused_before_its_COPY()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await OpenAsync(server, examine: true, "OK [READ-ONLY] EXAMINE completed", capabilities: "IMAP4rev1 UIDPLUS");

        var ex = await CatchAsync(imap.UidMoveAsync(SequenceSet.Single(1), "Archive"));

        Assert.That(ex, Is.TypeOf<InvalidOperationException>());
        Assert.That(ex!.Message, Does.StartWith("UidMoveAsync would change the mailbox \"INBOX\"").And.Contain("SelectAsync"));
        await AssertNothingWasSentAsync(server, imap, "A0002");
    }

    [Test]
    public async Task COPY_from_an_examined_mailbox_is_sent()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await OpenAsync(server, examine: true, "OK [READ-ONLY] EXAMINE completed");

        var copy = imap.UidCopyAsync(SequenceSet.Single(1), "Archive");
        var tag = await server.ExpectCommandAsync("UID COPY 1 Archive");
        await server.SendAsync($"{tag} OK [COPYUID 7 1 10] COPY completed\r\n");

        var result = await copy.WaitAsync(Patience);
        Assert.That(result.DestinationUids?.ToString(), Is.EqualTo("10"));
    }

    [Test]
    public async Task Selecting_the_mailbox_read_write_afterwards_allows_STORE_again()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await OpenAsync(server, examine: true, "OK [READ-ONLY] EXAMINE completed");
        Assert.That(await CatchAsync(imap.StoreAsync(SequenceSet.Single(1), StoreAction.Add, Seen)), Is.TypeOf<InvalidOperationException>());

        var select = imap.SelectAsync("INBOX");
        var selectTag = await server.ExpectCommandAsync("SELECT INBOX");
        await server.SendAsync($"* 3 EXISTS\r\n{selectTag} OK [READ-WRITE] SELECT completed\r\n");
        await select.WaitAsync(Patience);

        var store = imap.StoreAsync(SequenceSet.Single(1), StoreAction.Add, Seen);
        var tag = await server.ExpectCommandAsync("STORE 1 +FLAGS (\\Seen)");
        await server.SendAsync($"* 1 FETCH (FLAGS (\\Seen))\r\n{tag} OK STORE completed\r\n");
        Assert.That(await store.WaitAsync(Patience), Has.Count.EqualTo(1));
    }
}
