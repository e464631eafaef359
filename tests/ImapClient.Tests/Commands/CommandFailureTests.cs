using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Commands;

/// <summary>A tagged NO or BAD fails only its own command; the connection stays usable.</summary>
[TestFixture(Delivery.Whole)]
[TestFixture(Delivery.ByteByByte)]
public class CommandFailureTests(Delivery delivery)
{
    [Test]
    public async Task A_tagged_NO_fails_only_its_command_and_a_pipelined_neighbour_succeeds()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);
        var request = new FetchRequest(FetchItems.Flags);

        var failing = imap.FetchAsync(SequenceSet.Single(1), request);
        var succeeding = imap.FetchAsync(SequenceSet.Single(2), request);
        var failingTag = await server.ExpectCommandAsync("FETCH 1 FLAGS");
        var succeedingTag = await server.ExpectCommandAsync("FETCH 2 FLAGS");
        await server.SendAsync(
            $"{failingTag} NO [SERVERBUG] Internal error occurred. Refer to server log for more information.\r\n" +
            $"* 2 FETCH (FLAGS (\\Answered))\r\n{succeedingTag} OK FETCH completed\r\n");

        var ex = await CatchAsync(failing);
        Assert.That(ex, Is.TypeOf<ImapCommandException>());
        var failure = (ImapCommandException)ex!;
        Assert.That(failure.Status, Is.EqualTo(ImapStatus.No));
        Assert.That(failure.CommandName, Is.EqualTo("FETCH"));
        Assert.That(failure.ResponseText, Is.EqualTo("Internal error occurred. Refer to server log for more information."));
        Assert.That(failure.ResponseCode!.Name, Is.EqualTo("SERVERBUG"));
        Assert.That(failure.ResponseCode.Kind, Is.EqualTo(ImapResponseCodeKind.Unknown));
        Assert.That((await succeeding.WaitAsync(Patience)).Single().Flags!.System, Is.EqualTo(SystemFlags.Answered));

        Assert.That(imap.State, Is.EqualTo(ImapConnectionState.Selected));
        var noop = imap.NoopAsync();
        var tag = await server.ExpectCommandAsync("NOOP");
        await server.SendAsync($"{tag} OK NOOP completed\r\n");
        Assert.That((await noop.WaitAsync(Patience)).Text, Is.EqualTo("NOOP completed"));
    }

    [Test]
    public async Task A_tagged_BAD_fails_its_command_with_status_Bad_and_the_connection_stays_usable()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);

        var store = imap.UidStoreAsync(SequenceSet.Single(7), StoreAction.Replace, new MessageFlags(SystemFlags.Draft, ["$Label1"]));
        var noop = imap.NoopAsync();
        var storeTag = await server.ExpectCommandAsync("UID STORE 7 FLAGS (\\Draft $Label1)");
        var noopTag = await server.ExpectCommandAsync("NOOP");
        await server.SendAsync($"{noopTag} OK NOOP completed\r\n{storeTag} BAD Error in IMAP command UID STORE: Invalid arguments.\r\n");

        var ex = await CatchAsync(store);
        Assert.That(ex, Is.TypeOf<ImapCommandException>());
        var failure = (ImapCommandException)ex!;
        Assert.That(failure.Status, Is.EqualTo(ImapStatus.Bad));
        Assert.That(failure.ResponseCode, Is.Null);
        Assert.That(failure.ResponseText, Is.EqualTo("Error in IMAP command UID STORE: Invalid arguments."));
        Assert.That(failure.Message, Does.Contain("Invalid arguments."));
        Assert.That((await noop.WaitAsync(Patience)).Text, Is.EqualTo("NOOP completed"));

        var again = imap.NoopAsync();
        var tag = await server.ExpectCommandAsync("NOOP");
        await server.SendAsync($"{tag} OK again\r\n");
        Assert.That((await again.WaitAsync(Patience)).Text, Is.EqualTo("again"));
    }

    [Test]
    public async Task A_rejected_LOGIN_throws_ImapAuthenticationException_with_the_code_and_a_second_attempt_works()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync();

        var login = imap.LoginAsync("joe", "wrong");
        var tag = await server.ExpectCommandAsync("LOGIN joe wrong");
        await server.SendAsync($"{tag} NO [AUTHENTICATIONFAILED] Authentication failed.\r\n");

        var ex = await CatchAsync(login);
        Assert.That(ex, Is.TypeOf<ImapAuthenticationException>());
        var failure = (ImapAuthenticationException)ex!;
        Assert.That(failure.ResponseCode!.Name, Is.EqualTo("AUTHENTICATIONFAILED"));
        Assert.That(failure.ResponseText, Is.EqualTo("Authentication failed."));
        Assert.That(failure.Message, Does.Contain("AUTHENTICATIONFAILED"));
        Assert.That(imap.State, Is.EqualTo(ImapConnectionState.NotAuthenticated));

        login = imap.LoginAsync("joe", "right");
        tag = await server.ExpectCommandAsync("LOGIN joe right");
        await server.SendAsync($"{tag} OK [CAPABILITY IMAP4rev1 IDLE] Logged in\r\n");
        Assert.That((await login.WaitAsync(Patience)).Text, Is.EqualTo("Logged in"));
        Assert.That(imap.State, Is.EqualTo(ImapConnectionState.Authenticated));
        Assert.That(imap.Capabilities.Idle, Is.True);
    }

    [Test]
    public async Task A_rejected_SELECT_while_selected_leaves_no_mailbox_selected()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);

        var select = imap.SelectAsync("Missing");
        var tag = await server.ExpectCommandAsync("SELECT Missing");
        await server.SendAsync($"{tag} NO [NONEXISTENT] Mailbox doesn't exist: Missing\r\n");

        var ex = await CatchAsync(select);
        Assert.That(ex, Is.TypeOf<ImapCommandException>());
        Assert.That(((ImapCommandException)ex!).ResponseCode!.Name, Is.EqualTo("NONEXISTENT"));
        Assert.That(imap.State, Is.EqualTo(ImapConnectionState.Authenticated));
        Assert.That(imap.SelectedMailbox, Is.Null);
    }
}
