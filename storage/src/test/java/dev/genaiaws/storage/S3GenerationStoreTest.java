package dev.genaiaws.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import dev.genaiaws.core.ImageBlock;
import dev.genaiaws.core.exception.InvalidRequestException;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.StorageClass;

/**
 * The store contract against S3Mock, plus what only S3 has (conditional writes on the wire, SSE,
 * storage class, the client the store builds). S3Mock starts once for this class: it is the
 * module's only S3 test.
 */
class S3GenerationStoreTest extends GenerationStoreContractTest {
  static final String KMS_KEY_ID = "valid-test-key-id";
  static final String KMS_KEY = "arn:aws:kms:us-east-1:123456789012:key/" + KMS_KEY_ID;

  @RegisterExtension
  static final S3MockExtension S3_MOCK =
      S3MockExtension.builder()
          .silent()
          .withSecureConnection(false)
          .withValidKmsKeys(KMS_KEY)
          .build();

  private static final AtomicInteger BUCKETS = new AtomicInteger();
  private static S3Client s3;
  private String bucket;

  @BeforeAll
  static void client() {
    s3 = S3_MOCK.createS3ClientV2();
  }

  @AfterAll
  static void closeClient() {
    s3.close();
  }

  @Override
  protected void prepareBackend() {
    bucket = "contract-" + BUCKETS.incrementAndGet();
    s3.createBucket(b -> b.bucket(bucket));
  }

  @Override
  protected GenerationStore newStore(String prefix, Clock clock, KeyStrategy keyStrategy) {
    return S3GenerationStore.builder()
        .s3Client(s3)
        .bucket(bucket)
        .prefix(prefix)
        .clock(clock)
        .keyStrategy(keyStrategy)
        .build();
  }

  /**
   * S3Mock 5.2.0 checks If-None-Match in its controller before it reads the body, and stores the
   * object later without checking again: sequential writes get 412 as on AWS, but two writers
   * racing for one key can both pass the check. AWS S3 decides atomically; this is a limit of the
   * emulator, not of the store.
   */
  @Override
  protected boolean backendCreatesAtomically() {
    return false;
  }

  @Override
  protected String rawContentType(String key) {
    return s3.headObject(b -> b.bucket(bucket).key(key)).contentType();
  }

  @Test
  void rawPutObject_ifNoneMatchStarOnExistingKey_s3MockAnswers412() {
    s3.putObject(b -> b.bucket(bucket).key("raw.txt"), RequestBody.fromString("one"));

    assertThatThrownBy(
            () ->
                s3.putObject(
                    PutObjectRequest.builder()
                        .bucket(bucket)
                        .key("raw.txt")
                        .ifNoneMatch("*")
                        .build(),
                    RequestBody.fromString("two")))
        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(412));
    assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("raw.txt")).asUtf8String())
        .isEqualTo("one");
  }

  @Test
  void uri_key_isS3UriOfBucketAndKey() {
    assertThat(store.uri("blogs/2026/a b.json").toString())
        .isEqualTo("s3://" + bucket + "/blogs/2026/a%20b.json");
    assertThat(store.putText("blogs/x.txt", "x"))
        .isEqualTo(URI.create("s3://" + bucket + "/blogs/x.txt"));
  }

  @Test
  void save_sseKmsAndStorageClass_objectsCarryThem() {
    try (GenerationStore kms =
        S3GenerationStore.builder()
            .s3Client(s3)
            .bucket(bucket)
            .prefix("enc")
            .sseKms(KMS_KEY_ID)
            .storageClass(StorageClass.STANDARD_IA)
            .build()) {
      StoredGeneration saved = kms.save(sampleRecord("secret"));

      HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(saved.key()));
      assertThat(head.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
      assertThat(head.ssekmsKeyId()).contains(KMS_KEY_ID);
      assertThat(head.storageClass()).isEqualTo(StorageClass.STANDARD_IA);
      assertThat(kms.load(saved.key()).outputText()).isEqualTo("secret");
    }
  }

  @Test
  void save_sseS3_objectIsAes256() {
    try (GenerationStore sse =
        S3GenerationStore.builder().s3Client(s3).bucket(bucket).sseS3().build()) {
      StoredGeneration saved = sse.save(sampleRecord("x"));

      assertThat(s3.headObject(b -> b.bucket(bucket).key(saved.key())).serverSideEncryption())
          .isEqualTo(ServerSideEncryption.AES256);
      assertThat(saved.key()).startsWith("generations/");
    }
  }

  @Test
  void close_injectedClient_leftOpen() {
    store.close();

    assertThat(s3.headBucket(b -> b.bucket(bucket)).sdkHttpResponse().isSuccessful()).isTrue();
  }

  @Test
  void builder_withoutClient_buildsUrlConnectionClientThatWorksAndIsClosed() {
    S3GenerationStore built =
        S3GenerationStore.builder()
            .endpointOverride(URI.create(S3_MOCK.getServiceEndpoint()))
            .forcePathStyle(true)
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("foo", "bar")))
            .bucket(bucket)
            .build();

    StoredGeneration saved = built.save(sampleRecord("via built client"));
    assertThat(built.load(saved.key()).outputText()).isEqualTo("via built client");
    assertThat(built.toString()).contains("ownsClient=true");
    built.close();
    built.close(); // idempotent
  }

  @Test
  void headBeforeWrite_existingKey_conflictWithoutPut() {
    try (GenerationStore guarded =
        S3GenerationStore.builder().s3Client(s3).bucket(bucket).headBeforeWrite(true).build()) {
      guarded.putText("g/a.txt", "one");

      assertThatThrownBy(() -> guarded.putText("g/a.txt", "two"))
          .isInstanceOf(StorageConflictException.class);
      assertThat(guarded.getText("g/a.txt")).isEqualTo("one");
    }
  }

  @Test
  void getBytes_missingBucket_failsWithClearMessage() {
    try (GenerationStore missing =
        S3GenerationStore.builder().s3Client(s3).bucket("no-such-bucket-x").build()) {
      assertThatThrownBy(() -> missing.putText("a.txt", "x"))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("404")
          .hasMessageContaining("no-such-bucket-x");
    }
  }

  @Test
  void builder_noBucket_failsNamingTheSetting() {
    assertThatThrownBy(() -> S3GenerationStore.builder().s3Client(s3).build())
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("bucket");
  }

  @Test
  void list_s3Store_reportsUrisAndSizes() {
    store.putText("l/a.txt", "abc");

    assertThat(store.list("l/").toList())
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.uri()).isEqualTo(URI.create("s3://" + bucket + "/l/a.txt"));
              assertThat(o.size()).isEqualTo(3);
              assertThat(o.lastModified()).isNotNull();
            });
    assertThat(List.of()).isEmpty();
  }

  // ---- Storage under faults (issue #19 item 6): PutObject failing mid-save, via an SDK
  // interceptor ----

  /**
   * Fails the Nth PutObject, before it is sent or after S3 stored it (answer lost); optionally
   * every Get/Delete.
   */
  static final class S3Faults implements ExecutionInterceptor {
    final AtomicInteger puts = new AtomicInteger();
    volatile int failPutAt;
    volatile boolean afterSend;
    volatile boolean failDeletes;
    volatile boolean failGets;

    @Override
    public void beforeTransmission(Context.BeforeTransmission c, ExecutionAttributes a) {
      if (c.request() instanceof PutObjectRequest
          && !afterSend
          && puts.incrementAndGet() == failPutAt) {
        throw SdkClientException.create("injected: PutObject failed before it was sent");
      }
      if (c.request() instanceof DeleteObjectRequest && failDeletes) {
        throw SdkClientException.create("injected: DeleteObject failed");
      }
      if (c.request() instanceof GetObjectRequest && failGets) {
        throw SdkClientException.create("injected: GetObject failed");
      }
    }

    @Override
    public void afterTransmission(Context.AfterTransmission c, ExecutionAttributes a) {
      if (c.request() instanceof PutObjectRequest
          && afterSend
          && puts.incrementAndGet() == failPutAt) {
        throw SdkClientException.create("injected: S3 stored the object but the answer was lost");
      }
    }
  }

  private static S3Client faultyClient(S3Faults faults) {
    return S3Client.builder()
        .httpClient(UrlConnectionHttpClient.create())
        .endpointOverride(URI.create(S3_MOCK.getServiceEndpoint()))
        .forcePathStyle(true)
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("foo", "bar")))
        .overrideConfiguration(
            o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()).addExecutionInterceptor(faults))
        .build();
  }

  private static final List<ImageBlock> TWO_IMAGES =
      List.of(ImageBlock.of(PNG, "image/png"), ImageBlock.of(JPEG, "image/jpeg"));

  /** The invariant: every record a reader can list and load has all its images. */
  private void assertNoRecordWithMissingParts(String prefix) {
    try (GenerationStore reader = newStore("blogs", Clock.systemUTC());
        java.util.stream.Stream<StoredObject> listed = reader.list(prefix)) {
      listed
          .filter(o -> o.key().endsWith(".json"))
          .forEach(
              o -> {
                GenerationRecord r = reader.load(o.key());
                assertThat(r.images())
                    .allSatisfy(
                        i ->
                            assertThat(reader.exists(i.key()))
                                .as("image %s of visible record %s", i.key(), o.key())
                                .isTrue());
              });
    }
  }

  @Test
  void saveAs_putObjectFailsAtEachOfItsThreeWrites_noRecordVisibleAndNoOrphans() {
    for (int n = 1; n <= 3; n++) {
      S3Faults faults = new S3Faults();
      faults.failPutAt = n;
      String key = "faults/put-" + n + ".json";
      try (S3Client faulty = faultyClient(faults);
          GenerationStore failing =
              S3GenerationStore.builder().s3Client(faulty).bucket(bucket).build()) {
        assertThatThrownBy(() -> failing.saveAs(key, sampleRecord("x"), TWO_IMAGES))
            .isInstanceOf(StorageException.class)
            .hasMessageContaining("injected");
      }
      assertThatThrownBy(() -> store.load(key)).isInstanceOf(StorageNotFoundException.class);
      assertThat(store.list("faults/").toList()).as("after failing put %d", n).isEmpty();
    }
  }

  @Test
  void saveAs_recordPutFailsAndCleanupFails_onlyOrphanImagesNeverARecord() {
    S3Faults faults = new S3Faults();
    faults.failPutAt = 3;
    faults.failDeletes = true;
    try (S3Client faulty = faultyClient(faults);
        GenerationStore failing =
            S3GenerationStore.builder().s3Client(faulty).bucket(bucket).build()) {
      assertThatThrownBy(() -> failing.saveAs("faults/r.json", sampleRecord("x"), TWO_IMAGES))
          .isInstanceOf(StorageException.class)
          .satisfies(e -> assertThat(e.getSuppressed()).hasSize(2));
    }
    assertThat(store.list("faults/").map(StoredObject::key).toList())
        .containsExactly("faults/r-1.png", "faults/r-2.jpg");
    assertNoRecordWithMissingParts("faults/");
  }

  @Test
  void saveAs_recordStoredButAnswerLost_saveSucceedsAndImagesStay() {
    S3Faults faults = new S3Faults();
    faults.failPutAt = 3;
    faults.afterSend = true;
    try (S3Client faulty = faultyClient(faults);
        GenerationStore failing =
            S3GenerationStore.builder().s3Client(faulty).bucket(bucket).build()) {
      StoredGeneration saved = failing.saveAs("faults/lost.json", sampleRecord("x"), TWO_IMAGES);

      assertThat(store.load(saved.key())).isEqualTo(saved.record());
    }
    assertThat(store.list("faults/")).hasSize(3);
    assertNoRecordWithMissingParts("faults/");
  }

  @Test
  void saveAs_answerLostAndCheckFails_failsButKeepsImagesUnderTheRecord() {
    S3Faults faults = new S3Faults();
    faults.failPutAt = 3;
    faults.afterSend = true;
    faults.failGets = true;
    try (S3Client faulty = faultyClient(faults);
        GenerationStore failing =
            S3GenerationStore.builder().s3Client(faulty).bucket(bucket).build()) {
      assertThatThrownBy(() -> failing.saveAs("faults/unknown.json", sampleRecord("x"), TWO_IMAGES))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("answer was lost")
          .satisfies(
              e -> assertThat(e.getSuppressed()).singleElement().asString().contains("GetObject"));
    }
    assertThat(store.list("faults/")).hasSize(3);
    assertNoRecordWithMissingParts("faults/");
  }

  @Test
  void save_putFailsAtRandomAcross24Saves_everyVisibleRecordComplete() {
    java.util.Random random = new java.util.Random(19);
    int failed = 0;
    for (int i = 0; i < 24; i++) {
      S3Faults faults = new S3Faults();
      faults.failPutAt = 1 + random.nextInt(4); // 4 = beyond the save's three writes: no fault
      faults.afterSend = random.nextBoolean();
      faults.failDeletes = random.nextInt(4) == 0;
      try (S3Client faulty = faultyClient(faults);
          GenerationStore failing =
              S3GenerationStore.builder().s3Client(faulty).bucket(bucket).prefix("rnd").build()) {
        failing.save(sampleRecord("n" + i), TWO_IMAGES);
      } catch (StorageException e) {
        failed++;
      }
    }
    assertThat(failed).isPositive();
    assertNoRecordWithMissingParts("rnd/");
  }
}
