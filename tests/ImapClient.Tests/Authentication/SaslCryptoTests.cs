using System.Text;
using ImapClient.Sasl;

namespace ImapClient.Tests.Authentication;

public class SaslCryptoTests
{
    // RFC 1321 appendix A.5.
    [TestCase("", "d41d8cd98f00b204e9800998ecf8427e")]
    [TestCase("abc", "900150983cd24fb0d6963f7d28e17f72")]
    [TestCase("message digest", "f96b697d7cb7938d525a2f31aaf161d0")]
    public void Md5_matches_RFC_1321_vectors(string input, string expected) =>
        Assert.That(SaslCrypto.ToLowerHex(SaslCrypto.Md5(Encoding.ASCII.GetBytes(input))), Is.EqualTo(expected));

    // RFC 2104 appendix, test cases 1 and 2.
    [Test]
    public void HmacMd5_matches_RFC_2104_vectors()
    {
        var key = Enumerable.Repeat((byte)0x0b, 16).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(
                SaslCrypto.ToLowerHex(SaslCrypto.HmacMd5(key, "Hi There"u8)),
                Is.EqualTo("9294727a3638bb1c13f48ef8158bfc9d"));
            Assert.That(
                SaslCrypto.ToLowerHex(SaslCrypto.HmacMd5("Jefe"u8, "what do ya want for nothing?"u8)),
                Is.EqualTo("750c783e6ab0b503eaa86e310a5db738"));
        });
    }

    // RFC 2202 test case 6: a key longer than the 64-byte block must be hashed first.
    [Test]
    public void HmacMd5_hashes_keys_longer_than_the_block_size()
    {
        var key = Enumerable.Repeat((byte)0xaa, 80).ToArray();
        Assert.That(
            SaslCrypto.ToLowerHex(SaslCrypto.HmacMd5(key, "Test Using Larger Than Block-Size Key - Hash Key First"u8)),
            Is.EqualTo("6b1ab7fe4bd7bf8f0b62e6ce61b9d0cd"));
    }

    [Test]
    public void ToLowerHex_uses_lowercase_digits() =>
        Assert.That(SaslCrypto.ToLowerHex([0xAB, 0x0F, 0x90]), Is.EqualTo("ab0f90"));
}
