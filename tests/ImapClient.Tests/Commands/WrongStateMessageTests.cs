using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Commands;

/// <summary>
/// A call refused for the connection's state names the method the caller called (never the IMAP command behind it)
/// and what to do first; nothing is sent.
/// </summary>
[TestFixture(Delivery.Whole)]
[TestFixture(Delivery.ByteByByte)]
public class WrongStateMessageTests(Delivery delivery)
{
    private const string SelectFirst = "needs a selected mailbox and none is selected: select a mailbox first (SelectAsync or ExamineAsync).";
    private static readonly FetchRequest Flags = new(FetchItems.Flags);
    private static readonly MessageFlags Seen = new(SystemFlags.Seen);

    private static async Task ConsumeAsync(IAsyncEnumerable<FetchedBody> bodies)
    {
        await foreach (var body in bodies)
        {
            await body.DisposeAsync();
        }
    }

    /// <summary>Calls that need a selected mailbox, made when signed in with none selected.</summary>
    public static IEnumerable<TestCaseData> NeedASelectedMailbox()
    {
        static TestCaseData Case(string api, Func<ImapConnection, Task> call) => new TestCaseData(api, call).SetArgDisplayNames(api);
        yield return Case("FetchAsync", imap => imap.FetchAsync(SequenceSet.Single(1), Flags));
        yield return Case("UidFetchAsync", imap => imap.UidFetchAsync(SequenceSet.Single(1), Flags));
        yield return Case("GetMessageAsync", imap => imap.GetMessageAsync(1));
        yield return Case("DownloadAsync", imap => imap.DownloadAsync(1, Stream.Null));
        yield return Case("GetBodyPartAsync", imap => imap.GetBodyPartAsync(1, new BodyPartText(new MimeKit.ContentType("text", "plain"), "1")));
        yield return Case("FetchStreamAsync", imap => ConsumeAsync(imap.FetchStreamAsync(SequenceSet.Single(1), Flags)));
        yield return Case("UidFetchStreamAsync", imap => ConsumeAsync(imap.UidFetchStreamAsync(SequenceSet.Single(1), Flags)));
        yield return Case("StoreAsync", imap => imap.StoreAsync(SequenceSet.Single(1), StoreAction.Add, Seen));
        yield return Case("UidStoreAsync", imap => imap.UidStoreAsync(SequenceSet.Single(1), StoreAction.Add, Seen, unchangedSince: 5));
        yield return Case("CopyAsync", imap => imap.CopyAsync(SequenceSet.Single(1), "Archive"));
        yield return Case("MoveAsync", imap => imap.MoveAsync(SequenceSet.Single(1), "Archive"));
        yield return Case("UidMoveAsync", imap => imap.UidMoveAsync(SequenceSet.Single(1), "Archive"));
        yield return Case("ExpungeAsync", imap => imap.ExpungeAsync());
        yield return Case("UidExpungeAsync", imap => imap.UidExpungeAsync(SequenceSet.Single(1)));
        yield return Case("UidSearchAsync", imap => imap.UidSearchAsync(SearchQuery.All));
        yield return Case("UidSortAsync", imap => imap.UidSortAsync(SearchQuery.All, [SortCriterion.Ascending(SortField.Arrival)]));
        yield return Case("UnselectAsync", imap => imap.UnselectAsync());
        yield return Case("CloseMailboxAsync", imap => imap.CloseMailboxAsync());
    }

    [TestCaseSource(nameof(NeedASelectedMailbox))]
    public async Task A_call_that_needs_a_selected_mailbox_names_itself_and_SelectAsync(string api, Func<ImapConnection, Task> call)
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync("* PREAUTH [CAPABILITY IMAP4rev1 UIDPLUS MOVE SORT CONDSTORE UNSELECT] ready\r\n");

        var ex = await CatchAsync(call(imap));

        Assert.That(ex, Is.TypeOf<InvalidOperationException>());
        Assert.That(ex!.Message, Is.EqualTo($"{api} {SelectFirst}"));
        await AssertNothingWasSentAsync(server, imap, "A0001");
    }

    [Test]
    public async Task GetMessageAsync_does_not_name_UID_FETCH()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync("* PREAUTH ready\r\n");

        var ex = await CatchAsync(imap.GetMessageAsync(7));

        Assert.That(ex!.Message, Does.StartWith("GetMessageAsync "));
        Assert.That(ex.Message, Does.Not.Contain("FETCH"));
    }

    [Test]
    public async Task A_call_that_needs_a_mailbox_before_signing_in_says_to_sign_in_and_then_select()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync();

        var ex = await CatchAsync(imap.UidFetchAsync(SequenceSet.Single(1), Flags));

        Assert.That(ex, Is.TypeOf<InvalidOperationException>());
        Assert.That(ex!.Message, Is.EqualTo(
            "UidFetchAsync needs a selected mailbox and the connection is not signed in: sign in first (LoginAsync or AuthenticateAsync), " +
            "then select a mailbox (SelectAsync or ExamineAsync)."));
        await AssertNothingWasSentAsync(server, imap, "A0001");
    }

    [Test]
    public async Task A_call_that_needs_a_signed_in_connection_says_to_sign_in()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync();

        var select = await CatchAsync(imap.ExamineAsync("INBOX"));
        var list = await CatchAsync(imap.ListAsync("", "*"));
        var status = await CatchAsync(imap.StatusAsync("INBOX", StatusItems.Messages));

        Assert.That(select!.Message, Is.EqualTo("ExamineAsync needs a signed-in connection: sign in first (LoginAsync or AuthenticateAsync)."));
        Assert.That(list!.Message, Is.EqualTo("ListAsync needs a signed-in connection: sign in first (LoginAsync or AuthenticateAsync)."));
        Assert.That(status!.Message, Is.EqualTo("StatusAsync needs a signed-in connection: sign in first (LoginAsync or AuthenticateAsync)."));
        await AssertNothingWasSentAsync(server, imap, "A0001");
    }

    [Test]
    public async Task Signing_in_twice_says_the_connection_is_signed_in_already()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync("* PREAUTH ready\r\n");

        var login = await CatchAsync(imap.LoginAsync("joe", "secret"));
        var plain = await CatchAsync(imap.AuthenticatePlainAsync(new System.Net.NetworkCredential("joe", "secret"), null));

        Assert.That(login!.Message, Is.EqualTo("LoginAsync is only possible before signing in, and the connection is signed in already."));
        Assert.That(plain!.Message, Is.EqualTo("AuthenticatePlainAsync is only possible before signing in, and the connection is signed in already."));
        await AssertNothingWasSentAsync(server, imap, "A0001");
    }

    [Test]
    public async Task EnableAsync_with_a_mailbox_selected_says_to_leave_it_first()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server, "IMAP4rev1 ENABLE");

        var ex = await CatchAsync(imap.EnableAsync(["CONDSTORE"]));

        Assert.That(ex, Is.TypeOf<InvalidOperationException>());
        Assert.That(ex!.Message, Is.EqualTo(
            "EnableAsync is only possible while no mailbox is selected: call it right after signing in, or leave the mailbox first (UnselectAsync or CloseMailboxAsync)."));
        await AssertNothingWasSentAsync(server, imap, "A0002");
    }

    [Test]
    public async Task A_call_after_the_session_ended_says_to_connect_again()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync("* PREAUTH ready\r\n");
        var logout = imap.LogoutAsync();
        var tag = await server.ExpectCommandAsync("LOGOUT");
        await server.SendAsync($"* BYE logging out\r\n{tag} OK LOGOUT completed\r\n");
        await logout.WaitAsync(Patience);

        var ex = await CatchAsync(imap.ListAsync("", "*"));

        Assert.That(ex, Is.TypeOf<InvalidOperationException>());
        Assert.That(ex!.Message, Is.EqualTo("ListAsync cannot run: the connection is closed (logged out, or ended by the server or the network). Connect again."));
    }
}
