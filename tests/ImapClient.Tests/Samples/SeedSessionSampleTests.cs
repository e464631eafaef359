using System.Diagnostics;
using ImapClient.TestServer;
using ImapClient.Tests.Infrastructure;

namespace ImapClient.Tests.Samples;

/// <summary>Runs samples/SeedSession as a separate process, with its documented command line, against Dovecot.</summary>
public class SeedSessionSampleTests : DovecotTests
{
    /// <summary>The session stores \Deleted on message 12; each run starts from the RFC's state (just \Seen).</summary>
    [SetUp]
    public async Task ResetMessage12Async()
    {
        await using var imap = await IntegrationConnections.LoginAsync(Rfc3501Seed.User);
        await imap.SelectAsync(Rfc3501Seed.Mailbox);
        await imap.StoreAsync(SequenceSet.Single(Rfc3501Seed.RfcMessageNumber), StoreAction.Replace, new MessageFlags(SystemFlags.Seen), silent: true);
        await imap.LogoutAsync();
    }

    [TestCase("login", "none")]
    [TestCase("cram-md5", "implicit")]
    [TestCase("digest-md5", "none")]
    [TestCase("scram-sha-256", "starttls")]
    [TestCase("plain", "implicit")]
    [TestCase("auto", "starttls")]
    public async Task The_sample_replays_the_rfc_session_and_prints_every_typed_result(string auth, string tls)
    {
        var server = DovecotFixture.Server;
        var port = tls == "implicit" ? server.TlsPort : server.Port;
        var (exit, output, error) = await RunAsync(
            "--host", server.Host, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--user", Rfc3501Seed.User, "--password", Rfc3501Seed.Password, "--auth", auth, "--tls", tls);

        Assert.That(exit, Is.EqualTo(0), error);
        Assert.That(output, Does.Contain("exists: 18"));
        Assert.That(output, Does.Contain("first unseen: 17"));
        Assert.That(output, Does.Contain("uidvalidity: 3857529045"));
        Assert.That(output, Does.Contain("access: read-write"));
        Assert.That(output, Does.Contain("subject: IMAP4rev1 WG mtg summary and minutes"));
        Assert.That(output, Does.Contain("from: \"Terry Gray\" <gray@cac.washington.edu>"));
        Assert.That(output, Does.Contain("cc: \"John Klensin\" <KLENSIN@MIT.EDU>"));
        Assert.That(output, Does.Contain("1 text/plain; charset=US-ASCII, 7BIT, 3028 bytes, 92 lines").IgnoreCase);
        Assert.That(output, Does.Contain("Message-Id: <B27397-0100000@cac.washington.edu>"));
        Assert.That(output, Does.Contain("message 12 flags: \\Deleted \\Seen"));
        Assert.That(output, Does.Contain("logout"));
    }

    [Test]
    public async Task A_failed_step_is_one_error_line_and_a_non_zero_exit()
    {
        var server = DovecotFixture.Server;
        var (exit, _, error) = await RunAsync(
            "--host", server.Host, "--port", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--user", Rfc3501Seed.User, "--password", "wrong");
        Assert.That(exit, Is.Not.EqualTo(0));
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(1));
        Assert.That(lines[0], Does.StartWith("error: login failed"));
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var sample = Path.Combine(AppContext.BaseDirectory, "SeedSession.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        start.ArgumentList.Add(sample);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
