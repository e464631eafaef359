using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Connection;

/// <summary>Timeouts and cancellation never desync the stream.</summary>
[TestFixture(Delivery.Whole)]
[TestFixture(Delivery.ByteByByte)]
public class TimeoutAndCancellationTests(Delivery delivery)
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);

    [Test]
    public async Task A_command_the_server_never_answers_times_out_and_its_late_completion_keeps_the_stream_in_step()
    {
        await using var server = new ScriptedServer(delivery);
        var clock = new TestClock();
        await using var imap = await server.ConnectAsync(options: clock.Options(CommandTimeout));

        var noop = imap.NoopAsync();
        var lateTag = await server.ExpectCommandAsync("NOOP");
        clock.Advance(CommandTimeout - TimeSpan.FromMilliseconds(1));
        await AssertPendingAsync(noop, "the timeout has not passed yet");
        var ex = await clock.AdvanceUntilDoneAsync(noop, TimeSpan.FromMilliseconds(100));
        Assert.That(ex, Is.TypeOf<TimeoutException>());
        Assert.That(ex!.Message, Does.Contain("NOOP"));

        // The late completion is consumed as that command's, not taken for a stranger's.
        await server.SendAsync($"{lateTag} OK late NOOP completed\r\n");
        noop = imap.NoopAsync();
        var tag = await server.ExpectCommandAsync("NOOP");
        Assert.That(tag, Is.Not.EqualTo(lateTag));
        await server.SendAsync($"{tag} OK NOOP completed\r\n");
        Assert.That((await noop.WaitAsync(Patience)).Text, Is.EqualTo("NOOP completed"));
        Assert.That(imap.State, Is.EqualTo(ImapConnectionState.NotAuthenticated));
    }

    [Test]
    public async Task A_FETCH_cancelled_while_held_back_behind_a_NOOP_throws_and_is_never_written()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);
        using var cancel = new CancellationTokenSource();

        var noop = imap.NoopAsync();
        var fetch = imap.FetchAsync(SequenceSet.Single(1), new FetchRequest(FetchItems.Flags), cancel.Token);
        var noopTag = await server.ExpectCommandAsync("NOOP");
        Assert.That(fetch.IsCompleted, Is.False, "the FETCH is held back behind the NOOP");

        await cancel.CancelAsync();
        Assert.That(await CatchAsync(fetch), Is.InstanceOf<OperationCanceledException>());

        await server.SendAsync($"{noopTag} OK NOOP completed\r\n");
        await noop.WaitAsync(Patience);

        // The next line the server sees is a new command: the cancelled FETCH was dropped, not sent late.
        var capability = imap.CapabilityAsync();
        var (tag, command) = SplitTag(await server.ReadLineAsync());
        Assert.That(command, Is.EqualTo("CAPABILITY"));
        await server.SendAsync($"* CAPABILITY IMAP4rev1\r\n{tag} OK done\r\n");
        await capability.WaitAsync(Patience);
    }

    [Test]
    public async Task A_command_cancelled_while_waiting_behind_a_held_back_command_is_never_written()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);
        using var cancel = new CancellationTokenSource();

        var noop = imap.NoopAsync();
        var fetch = imap.FetchAsync(SequenceSet.Single(1), new FetchRequest(FetchItems.Flags));
        var store = imap.StoreAsync(SequenceSet.Single(2), StoreAction.Add, new MessageFlags(SystemFlags.Seen), cancellationToken: cancel.Token);
        var noopTag = await server.ExpectCommandAsync("NOOP");

        await cancel.CancelAsync();
        Assert.That(await CatchAsync(store), Is.InstanceOf<OperationCanceledException>());

        await server.SendAsync($"{noopTag} OK NOOP completed\r\n");
        var fetchTag = await server.ExpectCommandAsync("FETCH 1 FLAGS");
        await server.SendAsync($"* 1 FETCH (FLAGS ())\r\n{fetchTag} OK done\r\n");
        await fetch.WaitAsync(Patience);

        var capability = imap.CapabilityAsync();
        var (tag, command) = SplitTag(await server.ReadLineAsync());
        Assert.That(command, Is.EqualTo("CAPABILITY"), "the cancelled STORE was dropped");
        await server.SendAsync($"{tag} OK done\r\n");
        await capability.WaitAsync(Patience);
    }

    [Test]
    public async Task A_token_already_cancelled_sends_nothing()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync();

        Assert.That(await CatchAsync(imap.NoopAsync(new CancellationToken(canceled: true))), Is.InstanceOf<OperationCanceledException>());

        var capability = imap.CapabilityAsync();
        var (tag, command) = SplitTag(await server.ReadLineAsync());
        Assert.That((tag, command), Is.EqualTo(("A0001", "CAPABILITY")));
        await server.SendAsync($"{tag} OK done\r\n");
        await capability.WaitAsync(Patience);
    }

    [Test]
    public async Task A_command_cancelled_after_it_was_written_stays_registered_and_its_completion_is_consumed()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);
        using var cancel = new CancellationTokenSource();

        var fetch = imap.FetchAsync(SequenceSet.Single(1), new FetchRequest(FetchItems.Flags), cancel.Token);
        var fetchTag = await server.ExpectCommandAsync("FETCH 1 FLAGS");
        await cancel.CancelAsync();
        Assert.That(await CatchAsync(fetch), Is.InstanceOf<OperationCanceledException>());

        await server.SendAsync($"* 1 FETCH (FLAGS (\\Seen))\r\n{fetchTag} OK FETCH completed\r\n");
        var noop = imap.NoopAsync();
        var tag = await server.ExpectCommandAsync("NOOP");
        await server.SendAsync($"{tag} OK NOOP completed\r\n");
        Assert.That((await noop.WaitAsync(Patience)).Text, Is.EqualTo("NOOP completed"));
    }
}
