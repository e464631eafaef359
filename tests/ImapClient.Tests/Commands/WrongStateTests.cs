using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Commands;

/// <summary>A call that is not valid in the current state throws InvalidOperationException before anything is sent.</summary>
[TestFixture(Delivery.Whole)]
[TestFixture(Delivery.ByteByByte)]
public class WrongStateTests(Delivery delivery)
{
    private static readonly FetchRequest Flags = new(FetchItems.Flags);

    [Test]
    public async Task Select_before_login_throws_and_sends_nothing()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync();

        Assert.That(await CatchAsync(imap.SelectAsync("INBOX")), Is.TypeOf<InvalidOperationException>());
        Assert.That(await CatchAsync(imap.ExamineAsync("INBOX")), Is.TypeOf<InvalidOperationException>());
        await AssertNothingWasSentAsync(server, imap, "A0001");
        Assert.That(imap.State, Is.EqualTo(ImapConnectionState.NotAuthenticated));
    }

    [Test]
    public async Task Fetch_and_Store_before_login_throw_and_send_nothing()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync();

        Assert.That(await CatchAsync(imap.FetchAsync(SequenceSet.Single(1), Flags)), Is.TypeOf<InvalidOperationException>());
        Assert.That(await CatchAsync(imap.UidFetchAsync(SequenceSet.Single(1), Flags)), Is.TypeOf<InvalidOperationException>());
        Assert.That(
            await CatchAsync(imap.StoreAsync(SequenceSet.Single(1), StoreAction.Add, new MessageFlags(SystemFlags.Seen))),
            Is.TypeOf<InvalidOperationException>());
        Assert.That(
            await CatchAsync(imap.UidStoreAsync(SequenceSet.Single(1), StoreAction.Add, new MessageFlags(SystemFlags.Seen))),
            Is.TypeOf<InvalidOperationException>());
        await AssertNothingWasSentAsync(server, imap, "A0001");
    }

    [Test]
    public async Task Login_after_login_throws_and_sends_nothing()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync();
        var login = imap.LoginAsync("joe", "secret");
        var tag = await server.ExpectCommandAsync("LOGIN joe secret");
        await server.SendAsync($"{tag} OK LOGIN completed\r\n");
        await login.WaitAsync(Patience);

        Assert.That(await CatchAsync(imap.LoginAsync("joe", "secret")), Is.TypeOf<InvalidOperationException>());
        Assert.That(
            await CatchAsync(imap.AuthenticateAsync("CRAM-MD5", new System.Net.NetworkCredential("joe", "secret"))),
            Is.TypeOf<InvalidOperationException>());
        await AssertNothingWasSentAsync(server, imap, "A0002");
        Assert.That(imap.State, Is.EqualTo(ImapConnectionState.Authenticated));
    }

    [Test]
    public async Task Login_after_a_PREAUTH_greeting_throws_and_sends_nothing()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync("* PREAUTH IMAP4rev1 server logged in as Smith\r\n");

        Assert.That(await CatchAsync(imap.LoginAsync("smith", "secret")), Is.TypeOf<InvalidOperationException>());
        await AssertNothingWasSentAsync(server, imap, "A0001");
    }

    [Test]
    public async Task Fetch_when_authenticated_but_not_selected_throws_and_sends_nothing()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync("* PREAUTH ready\r\n");

        var ex = await CatchAsync(imap.FetchAsync(SequenceSet.Single(1), Flags));
        Assert.That(ex, Is.TypeOf<InvalidOperationException>());
        Assert.That(ex!.Message, Does.StartWith("FetchAsync "));
        Assert.That(
            await CatchAsync(imap.StoreAsync(SequenceSet.Single(1), StoreAction.Add, new MessageFlags(SystemFlags.Seen))),
            Is.TypeOf<InvalidOperationException>());
        await AssertNothingWasSentAsync(server, imap, "A0001");
    }

    [Test]
    public async Task Fetch_after_a_failed_SELECT_throws_and_sends_nothing()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);

        var select = imap.SelectAsync("Nowhere");
        var tag = await server.ExpectCommandAsync("SELECT Nowhere");
        await server.SendAsync($"{tag} NO Mailbox doesn't exist: Nowhere\r\n");
        Assert.That(await CatchAsync(select), Is.TypeOf<ImapCommandException>());
        Assert.That(imap.State, Is.EqualTo(ImapConnectionState.Authenticated), "a failed SELECT leaves no mailbox selected");
        Assert.That(imap.SelectedMailbox, Is.Null);

        Assert.That(await CatchAsync(imap.FetchAsync(SequenceSet.Single(1), Flags)), Is.TypeOf<InvalidOperationException>());
        await AssertNothingWasSentAsync(server, imap, "A0003");
    }

    [Test]
    public async Task Login_when_the_greeting_announced_LOGINDISABLED_throws_before_a_byte_is_sent()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync("* OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] ready\r\n");

        var ex = await CatchAsync(imap.LoginAsync("joe", "secret"));
        Assert.That(ex, Is.TypeOf<InvalidOperationException>());
        Assert.That(ex!.Message, Does.Contain("LOGINDISABLED"));
        await AssertNothingWasSentAsync(server, imap, "A0001");
        Assert.That(imap.State, Is.EqualTo(ImapConnectionState.NotAuthenticated));
    }
}
