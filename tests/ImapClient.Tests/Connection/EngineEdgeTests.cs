using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Connection;

/// <summary>Edges of the engine: overlapping FETCH data, half-sent commands that time out, disposal with work queued.</summary>
[TestFixture(Delivery.Whole)]
[TestFixture(Delivery.ByteByByte)]
public class EngineEdgeTests(Delivery delivery)
{
    [Test]
    public async Task Two_FETCHes_of_the_same_message_from_two_tasks_each_get_their_own_data()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);

        var flags = Task.Run(() => imap.FetchAsync(SequenceSet.Single(1), new FetchRequest(FetchItems.Flags)));
        var uid = Task.Run(() => imap.FetchAsync(SequenceSet.Range(1, 2), new FetchRequest(FetchItems.Uid)));

        // Untagged FETCH data names no tag: while both are in flight, "* 1 FETCH" could belong to either.
        var (firstTag, firstCommand) = SplitTag(await server.ReadLineAsync());
        var secondLine = await AssertClientSilentAsync(server, "a FETCH whose set overlaps one in flight must wait for it");
        await server.SendAsync(Answer(firstTag, firstCommand));
        var (secondTag, secondCommand) = SplitTag(await secondLine.WaitAsync(Patience));
        Assert.That(new[] { firstCommand, secondCommand }, Is.EquivalentTo(new[] { "FETCH 1 FLAGS", "FETCH 1:2 UID" }));
        await server.SendAsync(Answer(secondTag, secondCommand));

        var flagsResult = (await flags.WaitAsync(Patience)).Single();
        Assert.That(flagsResult.Flags!.System, Is.EqualTo(SystemFlags.Seen));
        Assert.That(flagsResult.Uid, Is.Null);
        var uidResult = await uid.WaitAsync(Patience);
        Assert.That(uidResult.Select(m => m.Uid), Is.EqualTo(new uint?[] { 41, 42 }));
        Assert.That(uidResult.Select(m => m.Flags), Is.All.Null);

        static string Answer(string tag, string command) => command == "FETCH 1 FLAGS"
            ? $"* 1 FETCH (FLAGS (\\Seen))\r\n{tag} OK done\r\n"
            : $"* 1 FETCH (UID 41)\r\n* 2 FETCH (UID 42)\r\n{tag} OK done\r\n";
    }

    [Test]
    public async Task A_STORE_on_a_message_a_FETCH_in_flight_covers_waits_and_gets_its_own_FETCH_data()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);

        var fetch = imap.FetchAsync(SequenceSet.Range(1, 5), new FetchRequest(FetchItems.Flags));
        var store = imap.StoreAsync(SequenceSet.Single(3), StoreAction.Add, new MessageFlags(SystemFlags.Flagged));
        var fetchTag = await server.ExpectCommandAsync("FETCH 1:5 FLAGS");
        var storeLine = await AssertClientSilentAsync(server, "the STORE's FETCH reply would be taken for the FETCH's");
        await server.SendAsync($"* 3 FETCH (FLAGS (\\Seen))\r\n{fetchTag} OK done\r\n");
        Assert.That((await fetch.WaitAsync(Patience)).Single().Flags!.System, Is.EqualTo(SystemFlags.Seen));

        var (storeTag, command) = SplitTag(await storeLine.WaitAsync(Patience));
        Assert.That(command, Is.EqualTo("STORE 3 +FLAGS (\\Flagged)"));
        await server.SendAsync($"* 3 FETCH (FLAGS (\\Seen \\Flagged))\r\n{storeTag} OK done\r\n");
        Assert.That((await store.WaitAsync(Patience)).Single().Flags!.System, Is.EqualTo(SystemFlags.Seen | SystemFlags.Flagged));
    }

    [Test]
    public async Task FETCHes_of_different_messages_and_UID_FETCHes_of_different_UIDs_are_still_pipelined()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);

        var a = imap.UidFetchAsync(SequenceSet.Range(100, 199), new FetchRequest(FetchItems.Flags));
        var b = imap.UidFetchAsync(SequenceSet.Range(200, 299), new FetchRequest(FetchItems.Flags));
        var aTag = await server.ExpectCommandAsync("UID FETCH 100:199 FLAGS");
        var bTag = await server.ExpectCommandAsync("UID FETCH 200:299 FLAGS");
        await server.SendAsync($"* 2 FETCH (UID 200 FLAGS ())\r\n* 1 FETCH (UID 100 FLAGS ())\r\n{bTag} OK done\r\n{aTag} OK done\r\n");

        Assert.That((await a.WaitAsync(Patience)).Single().Uid, Is.EqualTo(100));
        Assert.That((await b.WaitAsync(Patience)).Single().Uid, Is.EqualTo(200));
    }

    [Test]
    public async Task FETCH_star_claims_the_last_message()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);
        var flags = new EventQueue<FlagsChangedEventArgs>();
        imap.FlagsChanged += flags.Handler;

        var fetch = imap.FetchAsync(SequenceSet.Single(uint.MaxValue), new FetchRequest(FetchItems.Flags));
        var tag = await server.ExpectCommandAsync("FETCH * FLAGS");
        await server.SendAsync($"* 3 FETCH (FLAGS (\\Deleted))\r\n* 20 FETCH (FLAGS (\\Seen))\r\n{tag} OK done\r\n");

        var last = (await fetch.WaitAsync(Patience)).Single();
        Assert.That(last.SequenceNumber, Is.EqualTo(20), "* is the last message: 20 of 20");
        Assert.That(last.Flags!.System, Is.EqualTo(SystemFlags.Seen));
        Assert.That((await flags.NextAsync()).SequenceNumber, Is.EqualTo(3), "message 3 is not *: its update is unsolicited");
    }

    [Test]
    public async Task UID_FETCH_n_star_claims_the_last_message_the_server_returns_when_no_UID_is_that_high()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);
        var flags = new EventQueue<FlagsChangedEventArgs>();
        imap.FlagsChanged += flags.Handler;

        // RFC 9051 section 6.4.9: "n:*" always includes the message with the highest UID, even when it is below n.
        var fetch = imap.UidFetchAsync(SequenceSet.Range(5000, uint.MaxValue), new FetchRequest(FetchItems.Flags));
        var tag = await server.ExpectCommandAsync("UID FETCH 5000:* FLAGS");
        await server.SendAsync($"* 20 FETCH (UID 4391 FLAGS ())\r\n{tag} OK done\r\n");
        var messages = await fetch.WaitAsync(Patience);
        Assert.That(messages.Select(m => m.Uid), Is.EqualTo(new uint?[] { 4391 }));

        // A sentinel: no FlagsChanged was raised for the FETCH's own data.
        var noop = imap.NoopAsync();
        tag = await server.ExpectCommandAsync("NOOP");
        await server.SendAsync($"* 7 FETCH (FLAGS (\\Answered))\r\n{tag} OK done\r\n");
        await noop.WaitAsync(Patience);
        Assert.That((await flags.NextAsync()).SequenceNumber, Is.EqualTo(7));
    }

    [Test]
    public async Task A_command_held_back_behind_one_that_timed_out_times_out_too_and_is_never_written()
    {
        await using var server = new ScriptedServer(delivery);
        var clock = new TestClock();
        var timeout = TimeSpan.FromMilliseconds(200);
        await using var imap = await ConnectSelectedAsync(server, options: clock.Options(timeout));

        var noop = imap.NoopAsync();
        var noopTag = await server.ExpectCommandAsync("NOOP");
        Assert.That(await clock.AdvanceUntilDoneAsync(noop, TimeSpan.FromMilliseconds(20)), Is.TypeOf<TimeoutException>());

        // The NOOP stays registered (its completion may still come), so a FETCH by number may not be sent beside it.
        var fetch = imap.FetchAsync(SequenceSet.Single(1), new FetchRequest(FetchItems.Flags));
        clock.Advance(timeout - TimeSpan.FromMilliseconds(1));
        await AssertPendingAsync(fetch, "the FETCH waits behind the NOOP for its own timeout");
        var ex = await clock.AdvanceUntilDoneAsync(fetch, TimeSpan.FromMilliseconds(20));
        Assert.That(ex, Is.TypeOf<TimeoutException>());
        Assert.That(ex!.Message, Does.Contain("FETCH"));

        // The late completion arrives; the FETCH that timed out was dropped, not sent late.
        await server.SendAsync($"{noopTag} OK late\r\n");
        var capability = imap.CapabilityAsync();
        var (tag, command) = SplitTag(await server.ReadLineAsync());
        Assert.That(command, Is.EqualTo("CAPABILITY"));
        await server.SendAsync($"{tag} OK done\r\n");
        await capability.WaitAsync(Patience);
    }

    [Test]
    public async Task A_literal_whose_continuation_never_comes_times_out_and_nothing_is_written_into_it_afterwards()
    {
        await using var server = new ScriptedServer(delivery);
        var clock = new TestClock();
        await using var imap = await server.ConnectAsync(options: clock.Options(TimeSpan.FromMilliseconds(200)));

        var login = imap.LoginAsync("j\u00f6e", "secret");
        await server.ExpectCommandAsync("LOGIN {4}");
        clock.Advance(TimeSpan.FromMilliseconds(199));
        await AssertPendingAsync(login, "the continuation may still come");
        var ex = await clock.AdvanceUntilDoneAsync(login, TimeSpan.FromMilliseconds(20));
        Assert.That(ex, Is.TypeOf<TimeoutException>());
        Assert.That(ex!.Message, Does.Contain("LOGIN"));

        // The server still waits for 4 literal bytes: whatever the client wrote now would be taken as them.
        var noop = imap.NoopAsync();
        var failure = await clock.AdvanceUntilDoneAsync(noop, TimeSpan.FromMilliseconds(20));
        Assert.That(failure, Is.TypeOf<ImapConnectionException>(), "a half-sent command cannot be taken back: the connection is broken, loudly");
        Assert.That(imap.State, Is.EqualTo(ImapConnectionState.Logout));
    }

    [Test]
    [Repeat(20)] // The held-back and queued commands race the disposal; repeating makes a lost race likely to show.
    public async Task Disposing_with_commands_in_flight_held_back_and_queued_fails_them_all_with_ImapConnectionException()
    {
        var server = new ScriptedServer(delivery);
        await using (server)
        {
            var imap = await ConnectSelectedAsync(server);
            var inFlight = imap.NoopAsync();
            var heldBack = imap.FetchAsync(SequenceSet.Single(1), new FetchRequest(FetchItems.Flags));
            var queued = imap.StoreAsync(SequenceSet.Single(2), StoreAction.Add, new MessageFlags(SystemFlags.Seen));
            await server.ExpectCommandAsync("NOOP");

            await imap.DisposeAsync().AsTask().WaitAsync(Patience);

            Assert.That(await CatchAsync(inFlight), Is.TypeOf<ImapConnectionException>());
            Assert.That(await CatchAsync(heldBack), Is.TypeOf<ImapConnectionException>());
            Assert.That(await CatchAsync(queued), Is.TypeOf<ImapConnectionException>());
            Assert.That(await CatchAsync(imap.NoopAsync()), Is.TypeOf<ObjectDisposedException>(), "a call made after DisposeAsync");
            Assert.That(imap.State, Is.EqualTo(ImapConnectionState.Logout));
        }
    }
}
