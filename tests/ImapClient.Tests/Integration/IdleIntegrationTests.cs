using System.Text;

namespace ImapClient.Tests.Integration;

/// <summary>IDLE against the real Dovecot: another connection's changes arrive while idling, each once.</summary>
public class IdleIntegrationTests
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
}
