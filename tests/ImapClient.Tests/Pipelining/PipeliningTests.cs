using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Pipelining;

/// <summary>Commands share the connection: pipelined where RFC 9051 section 5.5 allows it, held back where it does not.</summary>
[TestFixture(Delivery.Whole)]
[TestFixture(Delivery.ByteByByte)]
public class PipeliningTests(Delivery delivery)
{
    [Test]
    public async Task Two_FETCHes_from_two_tasks_are_on_the_wire_together_and_each_gets_its_own_data_when_answered_out_of_order()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);
        var request = new FetchRequest(FetchItems.Flags);

        var first = Task.Run(() => imap.FetchAsync(SequenceSet.Single(1), request));
        var second = Task.Run(() => imap.FetchAsync(SequenceSet.Single(2), request));

        // Both command lines arrive before the server has answered anything.
        var lines = new[] { SplitTag(await server.ReadLineAsync()), SplitTag(await server.ReadLineAsync()) };
        Assert.That(lines.Select(l => l.Command), Is.EquivalentTo(new[] { "FETCH 1 FLAGS", "FETCH 2 FLAGS" }));
        Assert.That(lines.Select(l => l.Tag), Is.EquivalentTo(new[] { "A0002", "A0003" }), "distinct tags, in order");
        var tag1 = lines.Single(l => l.Command == "FETCH 1 FLAGS").Tag;
        var tag2 = lines.Single(l => l.Command == "FETCH 2 FLAGS").Tag;

        // The later command's data and completion first.
        await server.SendAsync($"* 2 FETCH (FLAGS (\\Deleted))\r\n{tag2} OK FETCH 2 completed\r\n");
        var two = (await second.WaitAsync(Patience)).Single();
        Assert.That(first.IsCompleted, Is.False, "the first FETCH has not been answered yet");
        await server.SendAsync($"* 1 FETCH (FLAGS (\\Seen))\r\n{tag1} OK FETCH 1 completed\r\n");
        var one = (await first.WaitAsync(Patience)).Single();

        Assert.That(one.SequenceNumber, Is.EqualTo(1));
        Assert.That(one.Flags!.System, Is.EqualTo(SystemFlags.Seen));
        Assert.That(two.SequenceNumber, Is.EqualTo(2));
        Assert.That(two.Flags!.System, Is.EqualTo(SystemFlags.Deleted));
    }

    [Test]
    public async Task A_FETCH_by_sequence_number_is_held_back_until_a_NOOP_in_flight_completes()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);

        var noop = imap.NoopAsync();
        var fetch = imap.FetchAsync(SequenceSet.Single(4), new FetchRequest(FetchItems.Flags));
        var noopTag = await server.ExpectCommandAsync("NOOP");

        // RFC 9051 section 5.5: the NOOP may bring EXPUNGEs that would renumber what the FETCH refers to.
        var nextLine = await AssertClientSilentAsync(server, "the FETCH must wait for the NOOP's completion");
        await server.SendAsync($"{noopTag} OK NOOP completed\r\n");
        await noop.WaitAsync(Patience);

        var (fetchTag, command) = SplitTag(await nextLine.WaitAsync(Patience));
        Assert.That(command, Is.EqualTo("FETCH 4 FLAGS"));
        await server.SendAsync($"* 4 FETCH (FLAGS (\\Flagged))\r\n{fetchTag} OK FETCH completed\r\n");
        Assert.That((await fetch.WaitAsync(Patience)).Single().Flags!.System, Is.EqualTo(SystemFlags.Flagged));
    }

    [Test]
    public async Task A_UID_FETCH_and_a_NOOP_are_pipelined_together()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);

        var fetch = imap.UidFetchAsync(SequenceSet.Range(100, 101), new FetchRequest(FetchItems.Flags));
        var noop = imap.NoopAsync();

        // Both lines are on the wire before any answer.
        var fetchTag = await server.ExpectCommandAsync("UID FETCH 100:101 FLAGS");
        var noopTag = await server.ExpectCommandAsync("NOOP");

        await server.SendAsync(
            $"* 7 FETCH (UID 101 FLAGS ())\r\n{noopTag} OK NOOP completed\r\n" +
            $"* 6 FETCH (UID 100 FLAGS (\\Seen))\r\n{fetchTag} OK UID FETCH completed\r\n");
        await noop.WaitAsync(Patience);
        var messages = await fetch.WaitAsync(Patience);

        Assert.That(messages.Select(m => m.Uid), Is.EqualTo(new uint?[] { 101, 100 }));
        Assert.That(messages.Select(m => m.SequenceNumber), Is.EqualTo(new uint[] { 7, 6 }));
    }

    [Test]
    public async Task A_STORE_by_sequence_number_is_held_back_behind_a_UID_FETCH()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);

        var fetch = imap.UidFetchAsync(SequenceSet.Single(100), new FetchRequest(FetchItems.Flags));
        var store = imap.StoreAsync(SequenceSet.Single(1), StoreAction.Add, new MessageFlags(SystemFlags.Seen), silent: true);
        var fetchTag = await server.ExpectCommandAsync("UID FETCH 100 FLAGS");

        var nextLine = await AssertClientSilentAsync(server, "a UID FETCH may bring EXPUNGEs, so STORE by number must wait");
        await server.SendAsync($"{fetchTag} OK UID FETCH completed\r\n");
        await fetch.WaitAsync(Patience);

        var (storeTag, command) = SplitTag(await nextLine.WaitAsync(Patience));
        Assert.That(command, Is.EqualTo("STORE 1 +FLAGS.SILENT (\\Seen)"));
        await server.SendAsync($"{storeTag} OK STORE completed\r\n");
        Assert.That(await store.WaitAsync(Patience), Is.Empty);
    }

    [Test]
    public async Task Commands_issued_behind_a_held_back_command_keep_their_order_and_their_tags()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);

        // NOOP, then FETCH (must wait for NOOP), then CAPABILITY (may see EXPUNGE, so must wait for FETCH).
        var noop = imap.NoopAsync();
        var fetch = imap.FetchAsync(SequenceSet.Single(1), new FetchRequest(FetchItems.Flags));
        var capability = imap.CapabilityAsync();
        var noopTag = await server.ExpectCommandAsync("NOOP");
        await server.SendAsync($"{noopTag} OK done\r\n");
        await noop.WaitAsync(Patience);

        var fetchTag = await server.ExpectCommandAsync("FETCH 1 FLAGS");
        await server.SendAsync($"* 1 FETCH (FLAGS ())\r\n{fetchTag} OK done\r\n");
        Assert.That((await fetch.WaitAsync(Patience)).Single().SequenceNumber, Is.EqualTo(1));

        var capabilityTag = await server.ExpectCommandAsync("CAPABILITY");
        await server.SendAsync($"* CAPABILITY IMAP4rev1 IDLE\r\n{capabilityTag} OK done\r\n");
        Assert.That((await capability.WaitAsync(Patience)).Idle, Is.True);
        Assert.That(new[] { noopTag, fetchTag, capabilityTag }, Is.EqualTo(new[] { "A0002", "A0003", "A0004" }));
    }

    [Test]
    public async Task Eight_NOOPs_from_eight_tasks_all_reach_the_server_before_any_answer_each_once_and_all_complete()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);

        // After the first, each is written while others are in flight: its flush is shared, never skipped.
        var noops = Enumerable.Range(0, 8).Select(_ => Task.Run(() => imap.NoopAsync())).ToArray();
        var lines = new List<(string Tag, string Command)>();
        for (var i = 0; i < 8; i++)
        {
            lines.Add(SplitTag(await server.ReadLineAsync().WaitAsync(Patience)));
        }

        Assert.That(lines.Select(l => l.Command), Is.All.EqualTo("NOOP"));
        Assert.That(lines.Select(l => l.Tag), Is.EqualTo(Enumerable.Range(2, 8).Select(n => $"A{n:D4}")), "each once, in tag order");
        await AssertClientSilentAsync(server, "nothing is written twice");

        await server.SendAsync(string.Concat(lines.Select(l => $"{l.Tag} OK NOOP completed\r\n")));
        await Task.WhenAll(noops).WaitAsync(Patience);

        // And a lone command afterwards goes out at once, as before.
        var last = imap.NoopAsync();
        var tag = await server.ExpectCommandAsync("NOOP");
        await server.SendAsync($"{tag} OK done\r\n");
        await last.WaitAsync(Patience);
    }

    [Test]
    public async Task A_command_whose_shared_write_cannot_go_out_fails_with_every_command_in_flight()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);

        var first = imap.NoopAsync();
        await server.ExpectCommandAsync("NOOP");

        // The server stops reading: the next write fails, and the command written while the first is in flight
        // has no flush of its own to throw from.
        await server.FromClient.CompleteAsync();
        var second = imap.NoopAsync();

        Assert.That(await CatchAsync(second.WaitAsync(Patience)), Is.InstanceOf<ImapConnectionException>());
        Assert.That(await CatchAsync(first.WaitAsync(Patience)), Is.InstanceOf<ImapConnectionException>());
        Assert.That(await CatchAsync(imap.NoopAsync().WaitAsync(Patience)), Is.InstanceOf<ImapConnectionException>(), "the connection is broken");
    }
}

