using ImapClient.Benchmarks.Corpus;
using ImapClient.Benchmarks.Wire;
using ImapClient.TestServer;

namespace ImapClient.Benchmarks.Workloads;

/// <summary>
/// A private Dovecot on 127.0.0.1 seeded for the server workloads: the summary corpus in INBOX, the ~100 KB
/// messages in "Large". Dovecot's caches are warmed before anything is measured.
/// </summary>
internal sealed class BenchServer : IAsyncDisposable
{
    public const string LargeMailbox = "Large";

    private BenchServer(DovecotServer dovecot, long largeBytes)
    {
        Dovecot = dovecot;
        LargeBytes = largeBytes;
    }

    public DovecotServer Dovecot { get; }

    public string Host => Dovecot.Host;

    public int Port => Dovecot.Port;

    /// <summary>The total size of the messages in <see cref="LargeMailbox"/>.</summary>
    public long LargeBytes { get; }

    public static async Task<BenchServer> StartAsync(int summaries, int large = 0)
    {
        var dovecot = await DovecotServer.StartAsync(new DovecotServerOptions { Compression = true });
        try
        {
            dovecot.SeedMessages(Clients.User, "INBOX", MessageCorpus.Summaries(summaries));
            long largeBytes = 0;
            if (large > 0)
            {
                var messages = MessageCorpus.Large(large).ToList();
                largeBytes = messages.Sum(m => (long)m.Content.Length);
                dovecot.SeedMessages(Clients.User, LargeMailbox, messages);
            }

            // Index every message once and take \Recent away, as a mail client's first visit would.
            await using (var raw = await RawImapClient.ConnectAsync(dovecot.Host, dovecot.Port))
            {
                await raw.LoginAsync(Clients.User, Clients.Password);
                await raw.RunAsync("SELECT INBOX");
                if (summaries > 0)
                {
                    await raw.CountAsync("FETCH 1:* " + Ops.SummaryItems);
                    await raw.CaptureAsync("FETCH 1:* (UID BODY.PEEK[HEADER])");
                }

                if (large > 0)
                {
                    await raw.RunAsync($"SELECT {LargeMailbox}");
                    await raw.CaptureAsync("FETCH 1:* (UID RFC822.SIZE BODYSTRUCTURE)");
                }

                await raw.RunAsync("LOGOUT");
            }

            return new BenchServer(dovecot, largeBytes);
        }
        catch
        {
            await dovecot.DisposeAsync();
            throw;
        }
    }

    public async Task<RawImapClient> RawAsync(string mailbox)
    {
        var raw = await RawImapClient.ConnectAsync(Host, Port);
        await raw.LoginAsync(Clients.User, Clients.Password);
        await raw.RunAsync($"SELECT {mailbox}");
        return raw;
    }

    public ValueTask DisposeAsync() => Dovecot.DisposeAsync();
}
