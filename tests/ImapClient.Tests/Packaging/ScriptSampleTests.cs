using System.Globalization;
using ImapClient.Tests.Infrastructure;
using ImapClient.TestServer;

namespace ImapClient.Tests.Integration.Packaging;

/// <summary>
/// samples/Scripts/newest.csx (dotnet-script) and samples/FileBased/newest.cs (dotnet run newest.cs), each run as its
/// users run it, with the package from the local feed, against the RFC 3501 mailbox (read-only).
/// </summary>
public class ScriptSampleTests
{
    [Test]
    public async Task The_dotnet_script_sample_prints_date_and_subject_of_the_ten_newest_messages()
    {
        var package = await LocalPackage.GetAsync();
        var folder = package.NewFolder("script");
        var script = Path.Combine(folder, "newest.csx");
        var sample = await File.ReadAllTextAsync(Path.Combine(LocalPackage.RepositoryRoot, "samples", "Scripts", "newest.csx"));
        await File.WriteAllTextAsync(script, package.UseTestVersion(sample, "#r \"nuget: ImapClient, {0}\""));

        string output;
        Environment.SetEnvironmentVariable("IMAP_TLS", "none");
        try
        {
            output = await ScriptHost.RunAsync(script, folder, Arguments());
        }
        finally
        {
            Environment.SetEnvironmentVariable("IMAP_TLS", null);
        }

        Assert.That(Lines(output), Is.EqualTo(await NewestAsync()));

        // The script compiled against the package's ImapClient.dll. It ran on the copy this test process already has
        // loaded (Roslyn's loader lets the host's assemblies win, so that none is loaded twice): the same bytes, as
        // the package is packed from the build these tests run on.
        var packaged = Directory.GetFiles(Path.Combine(package.PackagesFolder, "imapclient", package.Version.ToLowerInvariant()), "ImapClient.dll", SearchOption.AllDirectories);
        Assert.That(packaged, Has.Length.EqualTo(1));
        Assert.That(await File.ReadAllBytesAsync(packaged[0]), Is.EqualTo(await File.ReadAllBytesAsync(typeof(ImapConnection).Assembly.Location)));
    }

    [Test]
    public async Task The_file_based_sample_prints_date_and_subject_of_the_ten_newest_messages()
    {
        var package = await LocalPackage.GetAsync();
        var folder = package.NewFolder("file-based");
        var sample = await File.ReadAllTextAsync(Path.Combine(LocalPackage.RepositoryRoot, "samples", "FileBased", "newest.cs"));
        await File.WriteAllTextAsync(Path.Combine(folder, "newest.cs"), package.UseTestVersion(sample, "#:package ImapClient@{0}"));

        // The build output goes under the scratch folder rather than the user's file-based app cache.
        var result = await Programs.RunAsync(
            "dotnet", ["run", "--artifacts-path", Path.Combine(folder, "artifacts"), "newest.cs", "--", .. Arguments()], folder,
            environment: new Dictionary<string, string> { ["IMAP_TLS"] = "none" });

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        Assert.That(Lines(result.Output), Is.EqualTo(await NewestAsync()), result.ToString);
    }

    /// <summary>HOST PORT USER PASSWORD. No TLS (IMAP_TLS=none): the test server's certificate is self-signed; SCRAM keeps the password off the wire.</summary>
    private static string[] Arguments()
    {
        var server = DovecotFixture.Server;
        return [server.Host, server.Port.ToString(CultureInfo.InvariantCulture), Rfc3501Seed.User, Rfc3501Seed.Password];
    }

    /// <summary>The lines the samples should print, from the library in this process: INBOX's ten newest, newest first.</summary>
    private static async Task<string[]> NewestAsync()
    {
        await using var imap = await IntegrationConnections.LoginAsync(Rfc3501Seed.User);
        var inbox = await imap.ExamineAsync("INBOX");
        var messages = await imap.FetchAsync(SequenceSet.Range(inbox.Exists - 9, inbox.Exists), new FetchRequest(FetchItems.Envelope));
        return [.. messages.OrderByDescending(m => m.SequenceNumber).Select(m => $"{m.Envelope?.Date:yyyy-MM-dd}  {m.Envelope?.Subject}")];
    }

    private static string[] Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
}
