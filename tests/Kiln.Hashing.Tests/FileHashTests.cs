namespace Kiln.Hashing.Tests;

public sealed class FileHashTests
{
    [Fact]
    public void HashesAFileAsLowercaseHexSha256()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "abc");

            Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", FileHash.Sha256(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void HashesAnEmptyFile()
    {
        var path = Path.GetTempFileName();
        try
        {
            Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", FileHash.Sha256(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void HashesBytesInMemoryExactlyAsTheFileHoldingThem()
    {
        var path = Path.GetTempFileName();
        try
        {
            byte[] content = [0, 1, 2, 0xff, (byte)'\n'];
            File.WriteAllBytes(path, content);

            Assert.Equal(FileHash.Sha256(path), FileHash.Sha256(content));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
