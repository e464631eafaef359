using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace ImapClient.Tests.Authentication;

/// <summary>
/// FIPS-mode platforms throw on MD5.Create() and may restrict other digests: the library must take every digest it
/// uses for authentication from BouncyCastle. This reads the compiled library's type references to prove it.
/// </summary>
public class PlatformCryptoTests
{
    [Test]
    public void The_library_references_no_platform_hash_or_hmac_type()
    {
        using var stream = File.OpenRead(typeof(ImapConnection).Assembly.Location);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        var referenced = metadata.TypeReferences
            .Select(handle => metadata.GetTypeReference(handle))
            .Where(t => metadata.GetString(t.Namespace) == "System.Security.Cryptography")
            .Select(t => metadata.GetString(t.Name))
            .ToList();

        Assert.That(referenced, Is.Not.Empty, "the scan sees System.Security.Cryptography references (e.g. RandomNumberGenerator)");
        Assert.That(referenced.Where(name =>
                name.StartsWith("MD5", StringComparison.Ordinal) || name.StartsWith("SHA", StringComparison.Ordinal) ||
                name.StartsWith("HMAC", StringComparison.Ordinal) || name.StartsWith("Rfc2898", StringComparison.Ordinal) ||
                name == "HashAlgorithm" || name == "IncrementalHash"),
            Is.Empty);
    }
}
