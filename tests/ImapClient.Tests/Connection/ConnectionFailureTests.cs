using System.Text;
using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Connection;

/// <summary>Greetings, BYE and a dropped connection: every command in flight fails at once, loudly, and later calls do not hang.</summary>
[TestFixture(Delivery.Whole)]
[TestFixture(Delivery.ByteByByte)]
public class ConnectionFailureTests(Delivery delivery)
{
    [Test]
    public async Task A_BYE_greeting_makes_ConnectAsync_throw_with_the_server_text()
    {
        await using var server = new ScriptedServer(delivery);

        var ex = await CatchAsync(server.ConnectAsync("* BYE Too many connections from your IP\r\n"));

        Assert.That(ex, Is.TypeOf<ImapConnectionException>());
        Assert.That(ex!.Message, Does.Contain("Too many connections from your IP"));
    }

    [Test]
    public async Task A_PREAUTH_greeting_starts_in_the_Authenticated_state()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync("* PREAUTH [CAPABILITY IMAP4rev1 IDLE] IMAP4rev1 server logged in as Smith\r\n");

        Assert.That(imap.State, Is.EqualTo(ImapConnectionState.Authenticated));
        Assert.That(imap.Greeting.Status, Is.EqualTo(ImapStatus.PreAuth));
        Assert.That(imap.Greeting.Text, Is.EqualTo("IMAP4rev1 server logged in as Smith"));
        Assert.That(imap.Capabilities.Idle, Is.True);
    }

    [Test]
    public async Task A_greeting_that_is_not_a_status_response_fails_the_connect()
    {
        await using var server = new ScriptedServer(delivery);

        var ex = await CatchAsync(server.ConnectAsync("* 3 EXISTS\r\n"));

        Assert.That(ex, Is.InstanceOf<ImapException>());
    }

    [Test]
    public async Task A_BYE_during_a_FETCH_fails_it_raises_Bye_and_later_calls_fail_at_once()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);
        var byes = new EventQueue<ByeEventArgs>();
        imap.Bye += byes.Handler;

        var fetch = imap.FetchAsync(SequenceSet.Range(1, 3), new FetchRequest(FetchItems.Flags));
        await server.ExpectCommandAsync("FETCH 1:3 FLAGS");
        await server.SendAsync("* 1 FETCH (FLAGS (\\Seen))\r\n* BYE shutting down\r\n");
        await server.CloseAsync();

        var ex = await CatchAsync(fetch);
        Assert.That(ex, Is.TypeOf<ImapConnectionException>());
        Assert.That(ex!.Message, Does.Contain("shutting down"));
        Assert.That((await byes.NextAsync()).Text, Is.EqualTo("shutting down"));
        Assert.That(imap.State, Is.EqualTo(ImapConnectionState.Logout));

        var later = await CatchAsync(imap.NoopAsync());
        Assert.That(later, Is.TypeOf<ImapConnectionException>());
        Assert.That(later!.Message, Does.Contain("shutting down"));
    }

    [Test]
    public async Task A_BYE_without_closing_the_socket_still_fails_the_commands_in_flight()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);

        var noop = imap.NoopAsync();
        await server.ExpectCommandAsync("NOOP");
        await server.SendAsync("* BYE Autologout; idle for too long\r\n");

        var ex = await CatchAsync(noop);
        Assert.That(ex, Is.TypeOf<ImapConnectionException>());
        Assert.That(ex!.Message, Does.Contain("Autologout; idle for too long"));
        Assert.That(await CatchAsync(imap.NoopAsync()), Is.TypeOf<ImapConnectionException>());
    }

    [Test]
    public async Task LOGOUT_succeeds_when_the_server_closes_after_BYE_without_the_tagged_OK()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync();
        var logout = imap.LogoutAsync();
        await server.ExpectCommandAsync("LOGOUT");
        await server.SendAsync("* BYE See you\r\n");
        await server.CloseAsync();
        var ok = await logout.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.That(ok.Status, Is.EqualTo(ImapStatus.Ok));
        Assert.That(ok.Text, Is.EqualTo("See you"));
        Assert.That(imap.State, Is.EqualTo(ImapConnectionState.Logout));
    }

    [Test]
    public async Task LOGOUT_expects_the_BYE_and_completes_with_the_tagged_OK()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);
        var byes = new EventQueue<ByeEventArgs>();
        imap.Bye += byes.Handler;

        var logout = imap.LogoutAsync();
        var tag = await server.ExpectCommandAsync("LOGOUT");
        await server.SendAsync($"* BYE Logging out\r\n{tag} OK Logout completed.\r\n");
        await server.CloseAsync();

        Assert.That((await logout.WaitAsync(Patience)).Text, Is.EqualTo("Logout completed."));
        Assert.That((await byes.NextAsync()).Text, Is.EqualTo("Logging out"));
        Assert.That(imap.State, Is.EqualTo(ImapConnectionState.Logout));
        Assert.That(
            await CatchAsync(imap.NoopAsync()),
            Is.TypeOf<InvalidOperationException>().Or.TypeOf<ImapConnectionException>(),
            "after LOGOUT nothing more can be sent; it fails at once rather than waiting for an answer");
    }

    [Test]
    public async Task A_connection_dropped_in_the_middle_of_a_literal_fails_every_command_in_flight()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);
        var request = new FetchRequest().AddBodySection("");

        var first = imap.UidFetchAsync(SequenceSet.Single(1), request);
        var second = imap.UidFetchAsync(SequenceSet.Single(2), request);
        await server.ExpectCommandAsync("UID FETCH 1 BODY.PEEK[]");
        await server.ExpectCommandAsync("UID FETCH 2 BODY.PEEK[]");
        await server.SendAsync("* 1 FETCH (UID 1 BODY[] {100}\r\n" + "0123456789");
        await server.CloseAsync();

        var firstFailure = await CatchAsync(first);
        var secondFailure = await CatchAsync(second);
        Assert.That(firstFailure, Is.TypeOf<ImapConnectionException>());
        Assert.That(secondFailure, Is.TypeOf<ImapConnectionException>());
        Assert.That(firstFailure!.Message, Does.Contain("closed"));
        Assert.That(imap.State, Is.EqualTo(ImapConnectionState.Logout));
        Assert.That(await CatchAsync(imap.NoopAsync()), Is.TypeOf<ImapConnectionException>());
    }

    [Test]
    public async Task A_connection_closed_between_responses_fails_the_command_in_flight()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);

        var noop = imap.NoopAsync();
        await server.ExpectCommandAsync("NOOP");
        await server.SendAsync("* 21 EXISTS\r\n");
        await server.CloseAsync();

        Assert.That(await CatchAsync(noop), Is.TypeOf<ImapConnectionException>());
    }

    [Test]
    public async Task A_FETCH_response_that_cannot_be_parsed_fails_only_that_FETCH_and_the_connection_goes_on()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);
        var unsolicited = new List<ImapResponse>();
        imap.UntaggedResponse += (_, e) => unsolicited.Add(e.Response);

        var fetch = imap.FetchAsync(SequenceSet.Single(1), new FetchRequest(FetchItems.Flags));
        var tag = await server.ExpectCommandAsync("FETCH 1 FLAGS");

        // Framed (one line), but the list is never closed.
        await server.SendAsync(Encoding.ASCII.GetBytes($"* 1 FETCH (FLAGS (\\Seen)\r\n{tag} OK done\r\n"));

        var ex = await CatchAsync(fetch);
        Assert.That(ex, Is.TypeOf<ImapProtocolException>());
        Assert.That(ex!.Message, Does.Contain("FETCH").And.Contain("Seen"));
        Assert.That(unsolicited, Is.Empty, "the FETCH took the unparsable response");

        var noop = imap.NoopAsync();
        await server.SendAsync($"{await server.ExpectCommandAsync("NOOP")} OK still here\r\n");
        Assert.That((await noop.WaitAsync(Patience)).Text, Is.EqualTo("still here"));
    }

    [Test]
    public async Task An_unparsable_response_no_command_wants_is_raised_as_an_event_carrying_the_error()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);
        var raised = new TaskCompletionSource<ImapResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        imap.UntaggedResponse += (_, e) => raised.TrySetResult(e.Response);

        var noop = imap.NoopAsync();
        var tag = await server.ExpectCommandAsync("NOOP");
        await server.SendAsync($"* 4 FETCH (UID 9 FLAGS (\\Seen)\r\n{tag} OK done\r\n");

        Assert.That((await noop.WaitAsync(Patience)).Text, Is.EqualTo("done"));
        var response = await raised.Task.WaitAsync(Patience);
        Assert.That(response, Is.TypeOf<ImapUnparsableResponse>());
        var unparsable = (ImapUnparsableResponse)response;
        Assert.That((unparsable.Number, unparsable.Keyword, unparsable.Tag), Is.EqualTo(((uint?)4, "FETCH", (string?)null)));
        Assert.That(unparsable.Error.Message, Does.Contain("Seen"));
    }

    [Test]
    public async Task A_tagged_completion_that_cannot_be_parsed_fails_its_command_only()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);

        var noop = imap.NoopAsync();
        var tag = await server.ExpectCommandAsync("NOOP");
        await server.SendAsync($"{tag} MAYBE done\r\n");

        var ex = await CatchAsync(noop);
        Assert.That(ex, Is.TypeOf<ImapProtocolException>());
        Assert.That(ex!.Message, Does.Contain("NOOP").And.Contain("MAYBE"));

        noop = imap.NoopAsync();
        await server.SendAsync($"{await server.ExpectCommandAsync("NOOP")} OK fine\r\n");
        Assert.That((await noop.WaitAsync(Patience)).Text, Is.EqualTo("fine"));
    }

    [Test]
    public async Task Bytes_that_cannot_be_split_into_responses_break_the_connection_naming_the_limit()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server, options: new ImapConnectionOptions { MaxLineLength = 100 });

        var fetch = imap.FetchAsync(SequenceSet.Single(1), new FetchRequest(FetchItems.Flags));
        await server.ExpectCommandAsync("FETCH 1 FLAGS");
        await server.SendAsync("* 1 FETCH (FLAGS (" + new string('x', 200) + "))\r\n");

        var ex = await CatchAsync(fetch);
        Assert.That(ex, Is.TypeOf<ImapConnectionException>());
        Assert.That(ex!.InnerException, Is.TypeOf<ImapProtocolException>());
        Assert.That(ex.InnerException!.Message, Does.Contain("100"));
        Assert.That(imap.State, Is.EqualTo(ImapConnectionState.Logout));
    }
}
