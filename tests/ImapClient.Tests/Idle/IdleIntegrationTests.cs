using System.Text;
using ImapClient.Tests.Infrastructure;

namespace ImapClient.Tests.Idle;

/// <summary>IDLE against the real Dovecot: another connection's changes arrive while idling, each once.</summary>
public class IdleIntegrationTests : DovecotTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Test]
    public async Task Another_connections_flag_change_and_append_arrive_while_idling()
    {
        var mailbox = IntegrationConnections.SeedMailbox(3);
        await using var watcher = await IntegrationConnections.LoginAsync("testuser");
        await using var other = await IntegrationConnections.LoginAsync("testuser");
        await watcher.SelectAsync(mailbox);
        await other.SelectAsync(mailbox);

        // Subscribed before the IDLE starts, so its "+" cannot be missed.
        var idling = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        watcher.ContinuationRequested += (_, _) => idling.TrySetResult();
        var seen = new List<ImapResponse>();
        var gotBoth = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource(Patience);
        var watching = Task.Run(async () =>
        {
            await foreach (var update in watcher.WatchAsync(cancellationToken: stop.Token))
            {
                lock (seen)
                {
                    seen.Add(update);
                    if (seen.OfType<ImapExistsResponse>().Any(e => e.Count == 4) && seen.OfType<ImapFetchResponse>().Any())
                    {
                        gotBoth.TrySetResult();
                        return;
                    }
                }
            }
        });

        // Wait until the watcher is really idling, so the changes are reported by IDLE and not by a later command.
        await idling.Task.WaitAsync(Patience);
        await other.StoreAsync(SequenceSet.Single(2), StoreAction.Add, new MessageFlags(SystemFlags.Flagged));
        var message = Encoding.ASCII.GetBytes("From: a@example.org\r\nSubject: new\r\n\r\nhello\r\n");
        await other.AppendAsync(mailbox, new MemoryStream(message));

        await gotBoth.Task.WaitAsync(Patience);
        await watching.WaitAsync(Patience);

        lock (seen)
        {
            var flagged = seen.OfType<ImapFetchResponse>().Where(f => f.Message.SequenceNumber == 2).ToList();
            Assert.That(flagged, Has.Count.EqualTo(1), "the flag change arrives once");
            Assert.That(flagged[0].Message.Flags!.Contains(SystemFlags.Flagged), Is.True);
            Assert.That(seen.OfType<ImapExistsResponse>().Count(e => e.Count == 4), Is.EqualTo(1), "the new message is announced once");
        }

        // The IDLE ended cleanly: the watcher's connection still works and agrees with the server.
        var status = await watcher.FetchAsync(SequenceSet.Range(1, 4), new FetchRequest(FetchItems.Flags));
        Assert.That(status, Has.Count.EqualTo(4));
    }

    [Test]
    public async Task Another_connections_move_and_expunge_arrive_once_each_while_idling()
    {
        var mailbox = IntegrationConnections.SeedMailbox(4);
        await using var watcher = await IntegrationConnections.LoginAsync("testuser");
        await using var other = await IntegrationConnections.LoginAsync("testuser");
        await watcher.SelectAsync(mailbox);
        await other.SelectAsync(mailbox);
        await other.CreateAsync(mailbox + "-moved");

        var idling = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        watcher.ContinuationRequested += (_, _) => idling.TrySetResult();
        var expunged = new List<uint>();
        var gotBoth = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource(Patience);
        var watching = Task.Run(async () =>
        {
            await foreach (var update in watcher.WatchAsync(cancellationToken: stop.Token))
            {
                if (update is ImapExpungeResponse expunge)
                {
                    expunged.Add(expunge.SequenceNumber);
                    if (expunged.Count == 2)
                    {
                        gotBoth.TrySetResult();
                        return;
                    }
                }
            }
        });

        await idling.Task.WaitAsync(Patience);
        await other.UidMoveAsync(SequenceSet.Single(1), mailbox + "-moved");
        await other.UidStoreAsync(SequenceSet.Single(3), StoreAction.Add, new MessageFlags(SystemFlags.Deleted), silent: true);
        await other.UidExpungeAsync(SequenceSet.Single(3));
        await gotBoth.Task.WaitAsync(Patience);
        await watching.WaitAsync(Patience);

        // The server may report both in one batch, highest number first: replay them against the view before.
        var view = new List<uint> { 1, 2, 3, 4 };
        foreach (var number in expunged)
        {
            view.RemoveAt((int)number - 1);
        }

        Assert.That(view, Is.EqualTo(new uint[] { 2, 4 }), $"expunges reported: {string.Join(",", expunged)}");
        Assert.That(watcher.SelectedMailbox!.Exists, Is.EqualTo(2u));
        var left = await watcher.UidFetchAsync(SequenceSet.All, new FetchRequest(FetchItems.Uid));
        Assert.That(left.Select(m => m.Uid), Is.EqualTo(new uint?[] { 2, 4 }));
    }
}
