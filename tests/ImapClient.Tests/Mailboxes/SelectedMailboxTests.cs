using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Mailboxes;

/// <summary>CHECK, CLOSE and UNSELECT: only with a mailbox selected; CLOSE and UNSELECT leave the Selected state.</summary>
[TestFixture(Delivery.Whole)]
[TestFixture(Delivery.ByteByByte)]
public class SelectedMailboxTests(Delivery delivery)
{
    private static readonly FetchRequest Flags = new(FetchItems.Flags);

    [Test]
    public async Task CLOSE_returns_to_the_Authenticated_state_and_message_commands_are_refused_afterwards()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);

        var close = imap.CloseMailboxAsync();
        var tag = await server.ExpectCommandAsync("CLOSE");
        await server.SendAsync($"{tag} OK Close completed\r\n");
        await close.WaitAsync(Patience);

        Assert.That(imap.State, Is.EqualTo(ImapConnectionState.Authenticated));
        Assert.That(imap.SelectedMailbox, Is.Null);
        Assert.That(await CatchAsync(imap.FetchAsync(SequenceSet.Single(1), Flags)), Is.TypeOf<InvalidOperationException>());
        Assert.That(await CatchAsync(imap.CloseMailboxAsync()), Is.TypeOf<InvalidOperationException>());
        await AssertNothingWasSentAsync(server, imap, "A0003");
    }

    [Test]
    public async Task UNSELECT_returns_to_the_Authenticated_state_and_an_OK_CLOSED_code_is_tolerated()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server, "IMAP4rev1 UNSELECT");

        var unselect = imap.UnselectAsync();
        var tag = await server.ExpectCommandAsync("UNSELECT");
        await server.SendAsync($"* OK [CLOSED] Previous mailbox closed\r\n{tag} OK [CLOSED] Unselect completed\r\n");
        var ok = await unselect.WaitAsync(Patience);

        Assert.That(ok.Code?.Name, Is.EqualTo("CLOSED"));
        Assert.That(imap.State, Is.EqualTo(ImapConnectionState.Authenticated));
        Assert.That(imap.SelectedMailbox, Is.Null);
    }

    [Test]
    public async Task SELECT_while_selected_tolerates_OK_CLOSED_before_the_new_mailbox()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server, "IMAP4rev1 QRESYNC");

        var select = imap.SelectAsync("Archiv");
        var tag = await server.ExpectCommandAsync("SELECT Archiv");
        await server.SendAsync($"* OK [CLOSED] Previous mailbox closed\r\n* 3 EXISTS\r\n* OK [UIDVALIDITY 7] ok\r\n{tag} OK [READ-WRITE] done\r\n");
        var mailbox = await select.WaitAsync(Patience);

        Assert.That((mailbox.Name, mailbox.Exists, mailbox.UidValidity), Is.EqualTo(("Archiv", 3u, (uint?)7)));
        Assert.That(imap.State, Is.EqualTo(ImapConnectionState.Selected));
    }

    [Test]
    public async Task UNSELECT_without_the_capability_throws_before_anything_is_sent_and_stays_selected()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);

        var ex = await CatchAsync(imap.UnselectAsync());
        Assert.That(ex, Is.TypeOf<NotSupportedException>());
        Assert.That(ex!.Message, Does.Contain("UNSELECT"));
        Assert.That(imap.State, Is.EqualTo(ImapConnectionState.Selected));
        await AssertNothingWasSentAsync(server, imap, "A0002");
    }

    [Test]
    public async Task IMAP4rev2_implies_UNSELECT()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server, "IMAP4rev2");

        var unselect = imap.UnselectAsync();
        var tag = await server.ExpectCommandAsync("UNSELECT");
        await server.SendAsync($"{tag} OK done\r\n");
        await unselect.WaitAsync(Patience);
        Assert.That(imap.State, Is.EqualTo(ImapConnectionState.Authenticated));
    }

    [Test]
    public async Task CHECK_CLOSE_and_UNSELECT_without_a_selected_mailbox_throw_and_send_nothing()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync("* PREAUTH [CAPABILITY IMAP4rev1 UNSELECT] ready\r\n");

        Assert.That(await CatchAsync(imap.CheckAsync()), Is.TypeOf<InvalidOperationException>());
        Assert.That(await CatchAsync(imap.CloseMailboxAsync()), Is.TypeOf<InvalidOperationException>());
        Assert.That(await CatchAsync(imap.UnselectAsync()), Is.TypeOf<InvalidOperationException>());
        await AssertNothingWasSentAsync(server, imap, "A0001");
    }

    [Test]
    public async Task A_refused_CLOSE_leaves_the_mailbox_selected_and_carries_the_servers_text()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);

        var close = imap.CloseMailboxAsync();
        var tag = await server.ExpectCommandAsync("CLOSE");
        await server.SendAsync($"{tag} BAD No mailbox selected, says the server\r\n");
        var ex = await CatchAsync(close);
        Assert.That(ex, Is.TypeOf<ImapCommandException>());
        Assert.That(((ImapCommandException)ex!).ResponseText, Is.EqualTo("No mailbox selected, says the server"));
        Assert.That(imap.State, Is.EqualTo(ImapConnectionState.Selected));
    }

    [Test]
    public async Task CLOSE_waits_for_a_FETCH_in_flight_and_a_later_FETCH_waits_for_CLOSE_and_is_refused()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);

        var fetch = imap.FetchAsync(SequenceSet.Single(1), Flags);
        var fetchTag = await server.ExpectCommandAsync("FETCH 1 FLAGS");
        var close = imap.CloseMailboxAsync();
        var pending = await AssertClientSilentAsync(server, "CLOSE is held back until the FETCH completes");
        await server.SendAsync($"* 1 FETCH (FLAGS (\\Seen))\r\n{fetchTag} OK done\r\n");
        Assert.That(await fetch.WaitAsync(Patience), Has.Count.EqualTo(1));

        var (closeTag, command) = SplitTag(await pending.WaitAsync(Patience));
        Assert.That(command, Is.EqualTo("CLOSE"));
        var late = imap.FetchAsync(SequenceSet.Single(2), Flags);
        await server.SendAsync($"{closeTag} OK done\r\n");
        await close.WaitAsync(Patience);
        Assert.That(await CatchAsync(late), Is.TypeOf<InvalidOperationException>(), "the FETCH queued behind CLOSE finds no mailbox selected");
    }

    [Test]
    public async Task CHECK_keeps_the_mailbox_selected()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);

        var check = imap.CheckAsync();
        var tag = await server.ExpectCommandAsync("CHECK");
        await server.SendAsync($"* 21 EXISTS\r\n{tag} OK Check completed\r\n");
        await check.WaitAsync(Patience);
        Assert.That(imap.State, Is.EqualTo(ImapConnectionState.Selected));
        Assert.That(imap.SelectedMailbox!.Exists, Is.EqualTo(21));
    }
}
