using System.Globalization;
using System.Security.Cryptography;
using ImapClient.Tests.Infrastructure;
using ImapClient.TestServer;

namespace ImapClient.Tests.Packaging;

/// <summary>
/// samples/Scripts/newest.csx (dotnet-script) and samples/FileBased/newest.cs (dotnet run newest.cs), each run as its
/// users run it, with the package from the local feed, against the RFC 3501 mailbox (read-only), over TLS with the
/// test server's self-signed certificate pinned through IMAP_TLS and IMAP_CERT_SHA256.
/// </summary>
public class ScriptSampleTests : DovecotTests
{
    /// <summary>Over implicit TLS to Dovecot's TLS port, whose self-signed certificate is pinned by its fingerprint (with colons, lower case).</summary>
    [Test]
    public async Task The_dotnet_script_sample_prints_date_and_subject_of_the_ten_newest_messages()
    {
        var package = await LocalPackage.GetAsync();
        var folder = package.NewFolder("script");
        var script = Path.Combine(folder, "newest.csx");
        var sample = await File.ReadAllTextAsync(Path.Combine(LocalPackage.RepositoryRoot, "samples", "Scripts", "newest.csx"));
        await File.WriteAllTextAsync(script, package.UseTestVersion(sample, "#r \"nuget: ImapClient, {0}\""));

        string output;
        var server = DovecotFixture.Server;
        Environment.SetEnvironmentVariable("IMAP_TLS", "implicit");
        Environment.SetEnvironmentVariable("IMAP_CERT_SHA256", Fingerprint(colons: true).ToLowerInvariant());
        try
        {
            output = await ScriptHost.RunAsync(script, folder, Arguments(server.TlsPort));
        }
        finally
        {
            Environment.SetEnvironmentVariable("IMAP_TLS", null);
            Environment.SetEnvironmentVariable("IMAP_CERT_SHA256", null);
        }

        Assert.That(Programs.Lines(output), Is.EqualTo(await NewestAsync()));

        // The script compiled against the package's ImapClient.dll. It ran on the copy this test process already has
        // loaded (Roslyn's loader lets the host's assemblies win, so that none is loaded twice): the same bytes, as
        // the package is packed from the build these tests run on.
        var packaged = Directory.GetFiles(Path.Combine(package.PackagesFolder, "imapclient", package.Version.ToLowerInvariant()), "ImapClient.dll", SearchOption.AllDirectories);
        Assert.That(packaged, Has.Length.EqualTo(1));
        Assert.That(await File.ReadAllBytesAsync(packaged[0]), Is.EqualTo(await File.ReadAllBytesAsync(typeof(ImapConnection).Assembly.Location)));
    }

    /// <summary>
    /// STARTTLS on the plain port and implicit TLS on the TLS port, each with the self-signed certificate pinned (in
    /// either spelling of the fingerprint); a fingerprint of another certificate is refused before anything is sent.
    /// </summary>
    [Test]
    public async Task The_file_based_sample_prints_date_and_subject_of_the_ten_newest_messages()
    {
        var package = await LocalPackage.GetAsync();
        var folder = package.NewFolder("file-based");
        var sample = await File.ReadAllTextAsync(Path.Combine(LocalPackage.RepositoryRoot, "samples", "FileBased", "newest.cs"));
        await File.WriteAllTextAsync(Path.Combine(folder, "newest.cs"), package.UseTestVersion(sample, "#:package ImapClient@{0}"));
        var server = DovecotFixture.Server;
        var newest = await NewestAsync();

        // The build output goes under the scratch folder rather than the user's file-based app cache.
        Task<ProgramResult> RunAsync(int port, string tls, string fingerprint) => Programs.RunAsync(
            "dotnet", ["run", "--artifacts-path", Path.Combine(folder, "artifacts"), "newest.cs", "--", .. Arguments(port)], folder,
            environment: new Dictionary<string, string> { ["IMAP_TLS"] = tls, ["IMAP_CERT_SHA256"] = fingerprint });

        var startTls = await RunAsync(server.Port, "starttls", Fingerprint(colons: false));
        Assert.That(startTls.ExitCode, Is.Zero, startTls.ToString);
        Assert.That(Programs.Lines(startTls.Output), Is.EqualTo(newest), startTls.ToString);

        var implicitTls = await RunAsync(server.TlsPort, "implicit", Fingerprint(colons: true).ToLowerInvariant());
        Assert.That(implicitTls.ExitCode, Is.Zero, implicitTls.ToString);
        Assert.That(Programs.Lines(implicitTls.Output), Is.EqualTo(newest), implicitTls.ToString);

        var other = await RunAsync(server.TlsPort, "implicit", new string('0', 64));
        Assert.That(other.ExitCode, Is.Not.Zero, other.ToString);
        Assert.That(other.Output, Is.Empty, other.ToString);
        Assert.That(other.Error, Does.Contain("certificate").IgnoreCase, other.ToString);
    }

    /// <summary>The SHA-256 fingerprint of the test server's self-signed certificate: upper-case hex, or pairs separated by colons as openssl prints it.</summary>
    private static string Fingerprint(bool colons)
    {
        var hex = Convert.ToHexString(DovecotFixture.Server.Certificate.GetCertHash(HashAlgorithmName.SHA256));
        return colons ? string.Join(':', hex.Chunk(2).Select(pair => new string(pair))) : hex;
    }

    /// <summary>HOST PORT USER PASSWORD. SCRAM keeps the password off the wire whatever the TLS.</summary>
    private static string[] Arguments(int port)
    {
        var server = DovecotFixture.Server;
        return [server.Host, port.ToString(CultureInfo.InvariantCulture), Rfc3501Seed.User, Rfc3501Seed.Password];
    }

    /// <summary>The lines the samples should print, from the library in this process: INBOX's ten newest, newest first.</summary>
    private static async Task<string[]> NewestAsync()
    {
        await using var imap = await IntegrationConnections.LoginAsync(Rfc3501Seed.User);
        var inbox = await imap.ExamineAsync("INBOX");
        var messages = await imap.FetchAsync(SequenceSet.Range(inbox.Exists - 9, inbox.Exists), new FetchRequest(FetchItems.Envelope));
        return [.. messages.OrderByDescending(m => m.SequenceNumber).Select(m => $"{m.Envelope?.Date:yyyy-MM-dd}  {m.Envelope?.Subject}")];
    }
}
