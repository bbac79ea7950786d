-- A Claimtrack 0.1 database from before the reviews app (commit 0b80a3c), for the migration
-- tests: see README.md beside this file. Made by Python's sqlite3 iterdump().
BEGIN TRANSACTION;
CREATE TABLE "auth_group" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(150) NOT NULL UNIQUE);
INSERT INTO "auth_group" VALUES(1,'Viewer');
INSERT INTO "auth_group" VALUES(2,'Contributor');
INSERT INTO "auth_group" VALUES(3,'Fact-checker');
INSERT INTO "auth_group" VALUES(4,'Editor');
CREATE TABLE "auth_group_permissions" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "group_id" integer NOT NULL REFERENCES "auth_group" ("id") DEFERRABLE INITIALLY DEFERRED, "permission_id" integer NOT NULL REFERENCES "auth_permission" ("id") DEFERRABLE INITIALLY DEFERRED);
INSERT INTO "auth_group_permissions" VALUES(1,1,64);
INSERT INTO "auth_group_permissions" VALUES(2,1,141);
INSERT INTO "auth_group_permissions" VALUES(3,1,48);
INSERT INTO "auth_group_permissions" VALUES(4,1,145);
INSERT INTO "auth_group_permissions" VALUES(5,1,20);
INSERT INTO "auth_group_permissions" VALUES(6,1,24);
INSERT INTO "auth_group_permissions" VALUES(7,1,121);
INSERT INTO "auth_group_permissions" VALUES(8,1,28);
INSERT INTO "auth_group_permissions" VALUES(9,1,125);
INSERT INTO "auth_group_permissions" VALUES(10,2,138);
INSERT INTO "auth_group_permissions" VALUES(11,2,139);
INSERT INTO "auth_group_permissions" VALUES(12,2,140);
INSERT INTO "auth_group_permissions" VALUES(13,2,141);
INSERT INTO "auth_group_permissions" VALUES(14,2,142);
INSERT INTO "auth_group_permissions" VALUES(15,2,144);
INSERT INTO "auth_group_permissions" VALUES(16,2,17);
INSERT INTO "auth_group_permissions" VALUES(17,2,18);
INSERT INTO "auth_group_permissions" VALUES(18,2,19);
INSERT INTO "auth_group_permissions" VALUES(19,2,20);
INSERT INTO "auth_group_permissions" VALUES(20,2,21);
INSERT INTO "auth_group_permissions" VALUES(21,2,22);
INSERT INTO "auth_group_permissions" VALUES(22,2,23);
INSERT INTO "auth_group_permissions" VALUES(23,2,24);
INSERT INTO "auth_group_permissions" VALUES(24,2,25);
INSERT INTO "auth_group_permissions" VALUES(25,2,26);
INSERT INTO "auth_group_permissions" VALUES(26,2,27);
INSERT INTO "auth_group_permissions" VALUES(27,2,28);
INSERT INTO "auth_group_permissions" VALUES(28,2,45);
INSERT INTO "auth_group_permissions" VALUES(29,2,46);
INSERT INTO "auth_group_permissions" VALUES(30,2,47);
INSERT INTO "auth_group_permissions" VALUES(31,2,48);
INSERT INTO "auth_group_permissions" VALUES(32,2,61);
INSERT INTO "auth_group_permissions" VALUES(33,2,62);
INSERT INTO "auth_group_permissions" VALUES(34,2,63);
INSERT INTO "auth_group_permissions" VALUES(35,2,64);
INSERT INTO "auth_group_permissions" VALUES(36,2,145);
INSERT INTO "auth_group_permissions" VALUES(37,2,118);
INSERT INTO "auth_group_permissions" VALUES(38,2,119);
INSERT INTO "auth_group_permissions" VALUES(39,2,120);
INSERT INTO "auth_group_permissions" VALUES(40,2,121);
INSERT INTO "auth_group_permissions" VALUES(41,2,122);
INSERT INTO "auth_group_permissions" VALUES(42,2,123);
INSERT INTO "auth_group_permissions" VALUES(43,2,124);
INSERT INTO "auth_group_permissions" VALUES(44,2,125);
INSERT INTO "auth_group_permissions" VALUES(45,1,72);
INSERT INTO "auth_group_permissions" VALUES(46,1,105);
INSERT INTO "auth_group_permissions" VALUES(47,1,76);
INSERT INTO "auth_group_permissions" VALUES(48,1,109);
INSERT INTO "auth_group_permissions" VALUES(49,1,88);
INSERT INTO "auth_group_permissions" VALUES(50,2,102);
INSERT INTO "auth_group_permissions" VALUES(51,2,72);
INSERT INTO "auth_group_permissions" VALUES(52,2,105);
INSERT INTO "auth_group_permissions" VALUES(53,2,76);
INSERT INTO "auth_group_permissions" VALUES(54,2,109);
INSERT INTO "auth_group_permissions" VALUES(55,2,85);
INSERT INTO "auth_group_permissions" VALUES(56,2,86);
INSERT INTO "auth_group_permissions" VALUES(57,2,88);
INSERT INTO "auth_group_permissions" VALUES(58,2,89);
INSERT INTO "auth_group_permissions" VALUES(59,3,141);
INSERT INTO "auth_group_permissions" VALUES(60,3,145);
INSERT INTO "auth_group_permissions" VALUES(61,3,20);
INSERT INTO "auth_group_permissions" VALUES(62,3,24);
INSERT INTO "auth_group_permissions" VALUES(63,3,28);
INSERT INTO "auth_group_permissions" VALUES(64,3,48);
INSERT INTO "auth_group_permissions" VALUES(65,3,64);
INSERT INTO "auth_group_permissions" VALUES(66,3,72);
INSERT INTO "auth_group_permissions" VALUES(67,3,76);
INSERT INTO "auth_group_permissions" VALUES(68,3,85);
INSERT INTO "auth_group_permissions" VALUES(69,3,86);
INSERT INTO "auth_group_permissions" VALUES(70,3,88);
INSERT INTO "auth_group_permissions" VALUES(71,3,89);
INSERT INTO "auth_group_permissions" VALUES(72,3,90);
INSERT INTO "auth_group_permissions" VALUES(73,3,102);
INSERT INTO "auth_group_permissions" VALUES(74,3,105);
INSERT INTO "auth_group_permissions" VALUES(75,3,109);
INSERT INTO "auth_group_permissions" VALUES(76,3,121);
INSERT INTO "auth_group_permissions" VALUES(77,3,125);
INSERT INTO "auth_group_permissions" VALUES(78,4,138);
INSERT INTO "auth_group_permissions" VALUES(79,4,139);
INSERT INTO "auth_group_permissions" VALUES(80,4,140);
INSERT INTO "auth_group_permissions" VALUES(81,4,141);
INSERT INTO "auth_group_permissions" VALUES(82,4,142);
INSERT INTO "auth_group_permissions" VALUES(83,4,143);
INSERT INTO "auth_group_permissions" VALUES(84,4,144);
INSERT INTO "auth_group_permissions" VALUES(85,4,17);
INSERT INTO "auth_group_permissions" VALUES(86,4,18);
INSERT INTO "auth_group_permissions" VALUES(87,4,19);
INSERT INTO "auth_group_permissions" VALUES(88,4,20);
INSERT INTO "auth_group_permissions" VALUES(89,4,21);
INSERT INTO "auth_group_permissions" VALUES(90,4,22);
INSERT INTO "auth_group_permissions" VALUES(91,4,23);
INSERT INTO "auth_group_permissions" VALUES(92,4,24);
INSERT INTO "auth_group_permissions" VALUES(93,4,25);
INSERT INTO "auth_group_permissions" VALUES(94,4,26);
INSERT INTO "auth_group_permissions" VALUES(95,4,27);
INSERT INTO "auth_group_permissions" VALUES(96,4,28);
INSERT INTO "auth_group_permissions" VALUES(97,4,45);
INSERT INTO "auth_group_permissions" VALUES(98,4,46);
INSERT INTO "auth_group_permissions" VALUES(99,4,47);
INSERT INTO "auth_group_permissions" VALUES(100,4,48);
INSERT INTO "auth_group_permissions" VALUES(101,4,61);
INSERT INTO "auth_group_permissions" VALUES(102,4,62);
INSERT INTO "auth_group_permissions" VALUES(103,4,63);
INSERT INTO "auth_group_permissions" VALUES(104,4,64);
INSERT INTO "auth_group_permissions" VALUES(105,4,69);
INSERT INTO "auth_group_permissions" VALUES(106,4,70);
INSERT INTO "auth_group_permissions" VALUES(107,4,72);
INSERT INTO "auth_group_permissions" VALUES(108,4,73);
INSERT INTO "auth_group_permissions" VALUES(109,4,74);
INSERT INTO "auth_group_permissions" VALUES(110,4,76);
INSERT INTO "auth_group_permissions" VALUES(111,4,85);
INSERT INTO "auth_group_permissions" VALUES(112,4,86);
INSERT INTO "auth_group_permissions" VALUES(113,4,88);
INSERT INTO "auth_group_permissions" VALUES(114,4,89);
INSERT INTO "auth_group_permissions" VALUES(115,4,90);
INSERT INTO "auth_group_permissions" VALUES(116,4,91);
INSERT INTO "auth_group_permissions" VALUES(117,4,92);
INSERT INTO "auth_group_permissions" VALUES(118,4,93);
INSERT INTO "auth_group_permissions" VALUES(119,4,145);
INSERT INTO "auth_group_permissions" VALUES(120,4,102);
INSERT INTO "auth_group_permissions" VALUES(121,4,103);
INSERT INTO "auth_group_permissions" VALUES(122,4,105);
INSERT INTO "auth_group_permissions" VALUES(123,4,109);
INSERT INTO "auth_group_permissions" VALUES(124,4,118);
INSERT INTO "auth_group_permissions" VALUES(125,4,119);
INSERT INTO "auth_group_permissions" VALUES(126,4,120);
INSERT INTO "auth_group_permissions" VALUES(127,4,121);
INSERT INTO "auth_group_permissions" VALUES(128,4,122);
INSERT INTO "auth_group_permissions" VALUES(129,4,123);
INSERT INTO "auth_group_permissions" VALUES(130,4,124);
INSERT INTO "auth_group_permissions" VALUES(131,4,125);
CREATE TABLE "auth_permission" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "content_type_id" integer NOT NULL REFERENCES "django_content_type" ("id") DEFERRABLE INITIALLY DEFERRED, "codename" varchar(100) NOT NULL, "name" varchar(255) NOT NULL);
INSERT INTO "auth_permission" VALUES(1,1,'add_logentry','Can add log entry');
INSERT INTO "auth_permission" VALUES(2,1,'change_logentry','Can change log entry');
INSERT INTO "auth_permission" VALUES(3,1,'delete_logentry','Can delete log entry');
INSERT INTO "auth_permission" VALUES(4,1,'view_logentry','Can view log entry');
INSERT INTO "auth_permission" VALUES(5,3,'add_permission','Can add permission');
INSERT INTO "auth_permission" VALUES(6,3,'change_permission','Can change permission');
INSERT INTO "auth_permission" VALUES(7,3,'delete_permission','Can delete permission');
INSERT INTO "auth_permission" VALUES(8,3,'view_permission','Can view permission');
INSERT INTO "auth_permission" VALUES(9,2,'add_group','Can add group');
INSERT INTO "auth_permission" VALUES(10,2,'change_group','Can change group');
INSERT INTO "auth_permission" VALUES(11,2,'delete_group','Can delete group');
INSERT INTO "auth_permission" VALUES(12,2,'view_group','Can view group');
INSERT INTO "auth_permission" VALUES(13,4,'add_user','Can add user');
INSERT INTO "auth_permission" VALUES(14,4,'change_user','Can change user');
INSERT INTO "auth_permission" VALUES(15,4,'delete_user','Can delete user');
INSERT INTO "auth_permission" VALUES(16,4,'view_user','Can view user');
INSERT INTO "auth_permission" VALUES(17,26,'add_topic','Can add topic');
INSERT INTO "auth_permission" VALUES(18,26,'change_topic','Can change topic');
INSERT INTO "auth_permission" VALUES(19,26,'delete_topic','Can delete topic');
INSERT INTO "auth_permission" VALUES(20,26,'view_topic','Can view topic');
INSERT INTO "auth_permission" VALUES(21,5,'add_citation','Can add citation');
INSERT INTO "auth_permission" VALUES(22,5,'change_citation','Can change citation');
INSERT INTO "auth_permission" VALUES(23,5,'delete_citation','Can delete citation');
INSERT INTO "auth_permission" VALUES(24,5,'view_citation','Can view citation');
INSERT INTO "auth_permission" VALUES(25,6,'add_claim','Can add claim');
INSERT INTO "auth_permission" VALUES(26,6,'change_claim','Can change claim');
INSERT INTO "auth_permission" VALUES(27,6,'delete_claim','Can delete claim');
INSERT INTO "auth_permission" VALUES(28,6,'view_claim','Can view claim');
INSERT INTO "auth_permission" VALUES(29,9,'add_historicalclaim','Can add historical claim');
INSERT INTO "auth_permission" VALUES(30,9,'change_historicalclaim','Can change historical claim');
INSERT INTO "auth_permission" VALUES(31,9,'delete_historicalclaim','Can delete historical claim');
INSERT INTO "auth_permission" VALUES(32,9,'view_historicalclaim','Can view historical claim');
INSERT INTO "auth_permission" VALUES(33,10,'add_historicalclaim_about','Can add HistoricalClaim_about');
INSERT INTO "auth_permission" VALUES(34,10,'change_historicalclaim_about','Can change HistoricalClaim_about');
INSERT INTO "auth_permission" VALUES(35,10,'delete_historicalclaim_about','Can delete HistoricalClaim_about');
INSERT INTO "auth_permission" VALUES(36,10,'view_historicalclaim_about','Can view HistoricalClaim_about');
INSERT INTO "auth_permission" VALUES(37,12,'add_historicalclaimrelation','Can add historical claim relation');
INSERT INTO "auth_permission" VALUES(38,12,'change_historicalclaimrelation','Can change historical claim relation');
INSERT INTO "auth_permission" VALUES(39,12,'delete_historicalclaimrelation','Can delete historical claim relation');
INSERT INTO "auth_permission" VALUES(40,12,'view_historicalclaimrelation','Can view historical claim relation');
INSERT INTO "auth_permission" VALUES(41,19,'add_historicaltopic','Can add historical topic');
INSERT INTO "auth_permission" VALUES(42,19,'change_historicaltopic','Can change historical topic');
INSERT INTO "auth_permission" VALUES(43,19,'delete_historicaltopic','Can delete historical topic');
INSERT INTO "auth_permission" VALUES(44,19,'view_historicaltopic','Can view historical topic');
INSERT INTO "auth_permission" VALUES(45,25,'add_statement','Can add statement');
INSERT INTO "auth_permission" VALUES(46,25,'change_statement','Can change statement');
INSERT INTO "auth_permission" VALUES(47,25,'delete_statement','Can delete statement');
INSERT INTO "auth_permission" VALUES(48,25,'view_statement','Can view statement');
INSERT INTO "auth_permission" VALUES(49,18,'add_historicalstatement','Can add historical statement');
INSERT INTO "auth_permission" VALUES(50,18,'change_historicalstatement','Can change historical statement');
INSERT INTO "auth_permission" VALUES(51,18,'delete_historicalstatement','Can delete historical statement');
INSERT INTO "auth_permission" VALUES(52,18,'view_historicalstatement','Can view historical statement');
INSERT INTO "auth_permission" VALUES(53,8,'add_historicalcitation','Can add historical citation');
INSERT INTO "auth_permission" VALUES(54,8,'change_historicalcitation','Can change historical citation');
INSERT INTO "auth_permission" VALUES(55,8,'delete_historicalcitation','Can delete historical citation');
INSERT INTO "auth_permission" VALUES(56,8,'view_historicalcitation','Can view historical citation');
INSERT INTO "auth_permission" VALUES(57,11,'add_historicalclaim_topics','Can add HistoricalClaim_topics');
INSERT INTO "auth_permission" VALUES(58,11,'change_historicalclaim_topics','Can change HistoricalClaim_topics');
INSERT INTO "auth_permission" VALUES(59,11,'delete_historicalclaim_topics','Can delete HistoricalClaim_topics');
INSERT INTO "auth_permission" VALUES(60,11,'view_historicalclaim_topics','Can view HistoricalClaim_topics');
INSERT INTO "auth_permission" VALUES(61,7,'add_claimrelation','Can add claim relation');
INSERT INTO "auth_permission" VALUES(62,7,'change_claimrelation','Can change claim relation');
INSERT INTO "auth_permission" VALUES(63,7,'delete_claimrelation','Can delete claim relation');
INSERT INTO "auth_permission" VALUES(64,7,'view_claimrelation','Can view claim relation');
INSERT INTO "auth_permission" VALUES(65,14,'add_historicalratingscale','Can add historical rating scale');
INSERT INTO "auth_permission" VALUES(66,14,'change_historicalratingscale','Can change historical rating scale');
INSERT INTO "auth_permission" VALUES(67,14,'delete_historicalratingscale','Can delete historical rating scale');
INSERT INTO "auth_permission" VALUES(68,14,'view_historicalratingscale','Can view historical rating scale');
INSERT INTO "auth_permission" VALUES(69,21,'add_ratingscale','Can add rating scale');
INSERT INTO "auth_permission" VALUES(70,21,'change_ratingscale','Can change rating scale');
INSERT INTO "auth_permission" VALUES(71,21,'delete_ratingscale','Can delete rating scale');
INSERT INTO "auth_permission" VALUES(72,21,'view_ratingscale','Can view rating scale');
INSERT INTO "auth_permission" VALUES(73,20,'add_ratinglabel','Can add rating label');
INSERT INTO "auth_permission" VALUES(74,20,'change_ratinglabel','Can change rating label');
INSERT INTO "auth_permission" VALUES(75,20,'delete_ratinglabel','Can delete rating label');
INSERT INTO "auth_permission" VALUES(76,20,'view_ratinglabel','Can view rating label');
INSERT INTO "auth_permission" VALUES(77,15,'add_historicalreview','Can add historical review');
INSERT INTO "auth_permission" VALUES(78,15,'change_historicalreview','Can change historical review');
INSERT INTO "auth_permission" VALUES(79,15,'delete_historicalreview','Can delete historical review');
INSERT INTO "auth_permission" VALUES(80,15,'view_historicalreview','Can view historical review');
INSERT INTO "auth_permission" VALUES(81,13,'add_historicalratinglabel','Can add historical rating label');
INSERT INTO "auth_permission" VALUES(82,13,'change_historicalratinglabel','Can change historical rating label');
INSERT INTO "auth_permission" VALUES(83,13,'delete_historicalratinglabel','Can delete historical rating label');
INSERT INTO "auth_permission" VALUES(84,13,'view_historicalratinglabel','Can view historical rating label');
INSERT INTO "auth_permission" VALUES(85,22,'add_review','Can add review');
INSERT INTO "auth_permission" VALUES(86,22,'change_review','Can change review');
INSERT INTO "auth_permission" VALUES(87,22,'delete_review','Can delete review');
INSERT INTO "auth_permission" VALUES(88,22,'view_review','Can view review');
INSERT INTO "auth_permission" VALUES(89,22,'submit_review','Can submit a claim for review');
INSERT INTO "auth_permission" VALUES(90,22,'check_review','Can check and rate claims');
INSERT INTO "auth_permission" VALUES(91,22,'assign_review','Can assign reviews');
INSERT INTO "auth_permission" VALUES(92,22,'approve_review','Can approve verdicts');
INSERT INTO "auth_permission" VALUES(93,22,'publish_review','Can publish, correct and retract verdicts');
INSERT INTO "auth_permission" VALUES(94,17,'add_historicalreviewcomment','Can add historical review comment');
INSERT INTO "auth_permission" VALUES(95,17,'change_historicalreviewcomment','Can change historical review comment');
INSERT INTO "auth_permission" VALUES(96,17,'delete_historicalreviewcomment','Can delete historical review comment');
INSERT INTO "auth_permission" VALUES(97,17,'view_historicalreviewcomment','Can view historical review comment');
INSERT INTO "auth_permission" VALUES(98,16,'add_historicalreview_evidence','Can add HistoricalReview_evidence');
INSERT INTO "auth_permission" VALUES(99,16,'change_historicalreview_evidence','Can change HistoricalReview_evidence');
INSERT INTO "auth_permission" VALUES(100,16,'delete_historicalreview_evidence','Can delete HistoricalReview_evidence');
INSERT INTO "auth_permission" VALUES(101,16,'view_historicalreview_evidence','Can view HistoricalReview_evidence');
INSERT INTO "auth_permission" VALUES(102,23,'add_reviewcomment','Can add review comment');
INSERT INTO "auth_permission" VALUES(103,23,'change_reviewcomment','Can change review comment');
INSERT INTO "auth_permission" VALUES(104,23,'delete_reviewcomment','Can delete review comment');
INSERT INTO "auth_permission" VALUES(105,23,'view_reviewcomment','Can view review comment');
INSERT INTO "auth_permission" VALUES(106,24,'add_reviewevent','Can add review event');
INSERT INTO "auth_permission" VALUES(107,24,'change_reviewevent','Can change review event');
INSERT INTO "auth_permission" VALUES(108,24,'delete_reviewevent','Can delete review event');
INSERT INTO "auth_permission" VALUES(109,24,'view_reviewevent','Can view review event');
INSERT INTO "auth_permission" VALUES(110,27,'add_contenttype','Can add content type');
INSERT INTO "auth_permission" VALUES(111,27,'change_contenttype','Can change content type');
INSERT INTO "auth_permission" VALUES(112,27,'delete_contenttype','Can delete content type');
INSERT INTO "auth_permission" VALUES(113,27,'view_contenttype','Can view content type');
INSERT INTO "auth_permission" VALUES(114,28,'add_apitoken','Can add API token');
INSERT INTO "auth_permission" VALUES(115,28,'change_apitoken','Can change API token');
INSERT INTO "auth_permission" VALUES(116,28,'delete_apitoken','Can delete API token');
INSERT INTO "auth_permission" VALUES(117,28,'view_apitoken','Can view API token');
INSERT INTO "auth_permission" VALUES(118,29,'add_actor','Can add actor');
INSERT INTO "auth_permission" VALUES(119,29,'change_actor','Can change actor');
INSERT INTO "auth_permission" VALUES(120,29,'delete_actor','Can delete actor');
INSERT INTO "auth_permission" VALUES(121,29,'view_actor','Can view actor');
INSERT INTO "auth_permission" VALUES(122,30,'add_alias','Can add alias');
INSERT INTO "auth_permission" VALUES(123,30,'change_alias','Can change alias');
INSERT INTO "auth_permission" VALUES(124,30,'delete_alias','Can delete alias');
INSERT INTO "auth_permission" VALUES(125,30,'view_alias','Can view alias');
INSERT INTO "auth_permission" VALUES(126,31,'add_historicalactor','Can add historical actor');
INSERT INTO "auth_permission" VALUES(127,31,'change_historicalactor','Can change historical actor');
INSERT INTO "auth_permission" VALUES(128,31,'delete_historicalactor','Can delete historical actor');
INSERT INTO "auth_permission" VALUES(129,31,'view_historicalactor','Can view historical actor');
INSERT INTO "auth_permission" VALUES(130,32,'add_historicalalias','Can add historical alias');
INSERT INTO "auth_permission" VALUES(131,32,'change_historicalalias','Can change historical alias');
INSERT INTO "auth_permission" VALUES(132,32,'delete_historicalalias','Can delete historical alias');
INSERT INTO "auth_permission" VALUES(133,32,'view_historicalalias','Can view historical alias');
INSERT INTO "auth_permission" VALUES(134,34,'add_historicalsource','Can add historical source');
INSERT INTO "auth_permission" VALUES(135,34,'change_historicalsource','Can change historical source');
INSERT INTO "auth_permission" VALUES(136,34,'delete_historicalsource','Can delete historical source');
INSERT INTO "auth_permission" VALUES(137,34,'view_historicalsource','Can view historical source');
INSERT INTO "auth_permission" VALUES(138,37,'add_source','Can add source');
INSERT INTO "auth_permission" VALUES(139,37,'change_source','Can change source');
INSERT INTO "auth_permission" VALUES(140,37,'delete_source','Can delete source');
INSERT INTO "auth_permission" VALUES(141,37,'view_source','Can view source');
INSERT INTO "auth_permission" VALUES(142,36,'add_snapshot','Can add snapshot');
INSERT INTO "auth_permission" VALUES(143,36,'change_snapshot','Can change snapshot');
INSERT INTO "auth_permission" VALUES(144,36,'delete_snapshot','Can delete snapshot');
INSERT INTO "auth_permission" VALUES(145,36,'view_snapshot','Can view snapshot');
INSERT INTO "auth_permission" VALUES(146,35,'add_historicalsource_authors','Can add HistoricalSource_authors');
INSERT INTO "auth_permission" VALUES(147,35,'change_historicalsource_authors','Can change HistoricalSource_authors');
INSERT INTO "auth_permission" VALUES(148,35,'delete_historicalsource_authors','Can delete HistoricalSource_authors');
INSERT INTO "auth_permission" VALUES(149,35,'view_historicalsource_authors','Can view HistoricalSource_authors');
INSERT INTO "auth_permission" VALUES(150,33,'add_historicalsnapshot','Can add historical snapshot');
INSERT INTO "auth_permission" VALUES(151,33,'change_historicalsnapshot','Can change historical snapshot');
INSERT INTO "auth_permission" VALUES(152,33,'delete_historicalsnapshot','Can delete historical snapshot');
INSERT INTO "auth_permission" VALUES(153,33,'view_historicalsnapshot','Can view historical snapshot');
INSERT INTO "auth_permission" VALUES(154,38,'add_session','Can add session');
INSERT INTO "auth_permission" VALUES(155,38,'change_session','Can change session');
INSERT INTO "auth_permission" VALUES(156,38,'delete_session','Can delete session');
INSERT INTO "auth_permission" VALUES(157,38,'view_session','Can view session');
CREATE TABLE "auth_user" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "password" varchar(128) NOT NULL, "last_login" datetime NULL, "is_superuser" bool NOT NULL, "username" varchar(150) NOT NULL UNIQUE, "last_name" varchar(150) NOT NULL, "email" varchar(254) NOT NULL, "is_staff" bool NOT NULL, "is_active" bool NOT NULL, "date_joined" datetime NOT NULL, "first_name" varchar(150) NOT NULL);
INSERT INTO "auth_user" VALUES(1,'pbkdf2_sha256$1500000$oAqEdUHLJPacqJHhgtrlxN$1w9MDn85LXzI1aHBaPGeI6igFArW4wWjHTBhfDb1Rrg=',NULL,1,'admin','','admin@example.org',1,1,'2026-12-02 08:20:32.607337','');
INSERT INTO "auth_user" VALUES(2,'pbkdf2_sha256$1500000$aJrhmjMHKPK2hXTSctup74$9G8yFiPYTuJekOLfiOgjHKmh8XFFcJLhBvqSL8nole8=',NULL,0,'contributor','','contributor@example.org',1,1,'2026-12-02 08:20:33.348742','');
INSERT INTO "auth_user" VALUES(3,'pbkdf2_sha256$1500000$c68BP9tUdJ2yAG09f6R879$SDTaQqDW+vFiRQ6+LjGSBuzHNgJmnix7rdCT8erzgq4=',NULL,0,'checker','','checker@example.org',1,1,'2026-12-02 08:20:33.940783','');
INSERT INTO "auth_user" VALUES(4,'pbkdf2_sha256$1500000$2CZE2istw1c5YoTqWhyzv2$+KFegR22qHyTCgBiSh2cnhbLR4E9vR4Zh6tfpttUflM=',NULL,0,'editor','','editor@example.org',1,1,'2026-12-02 08:20:34.744210','');
INSERT INTO "auth_user" VALUES(5,'pbkdf2_sha256$1500000$zQn4BiI0rxkJZtzicAt4CA$tsQcnLg1quUaiDS3SYmGwhhfwjc0oSu5yHFUKh40bpc=',NULL,0,'editor2','','editor2@example.org',1,1,'2026-12-02 08:20:35.427370','');
INSERT INTO "auth_user" VALUES(6,'pbkdf2_sha256$1500000$lBCvF7jP1cb8cVFDqeJoaW$lpGJ2mEt2jWHZzepq5G2aoLKseTJStBsnq0PKiwhvu0=',NULL,0,'viewer','','viewer@example.org',1,1,'2026-12-02 08:20:35.959438','');
CREATE TABLE "auth_user_groups" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "user_id" integer NOT NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED, "group_id" integer NOT NULL REFERENCES "auth_group" ("id") DEFERRABLE INITIALLY DEFERRED);
INSERT INTO "auth_user_groups" VALUES(1,2,2);
INSERT INTO "auth_user_groups" VALUES(2,3,2);
INSERT INTO "auth_user_groups" VALUES(3,3,3);
INSERT INTO "auth_user_groups" VALUES(4,4,4);
INSERT INTO "auth_user_groups" VALUES(5,5,4);
INSERT INTO "auth_user_groups" VALUES(6,6,1);
CREATE TABLE "auth_user_user_permissions" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "user_id" integer NOT NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED, "permission_id" integer NOT NULL REFERENCES "auth_permission" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "claims_citation" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL, "role" varchar(16) NOT NULL, "access" varchar(16) NOT NULL, "quote" text NOT NULL, "quote_prefix" varchar(200) NOT NULL, "quote_suffix" varchar(200) NOT NULL, "quote_start" integer unsigned NULL CHECK ("quote_start" >= 0), "quote_end" integer unsigned NULL CHECK ("quote_end" >= 0), "quote_verified" bool NOT NULL, "locator" varchar(200) NOT NULL, "retrieved_on" date NULL, "snapshot_id" bigint NULL REFERENCES "sources_snapshot" ("id") DEFERRABLE INITIALLY DEFERRED, "source_id" bigint NOT NULL REFERENCES "sources_source" ("id") DEFERRABLE INITIALLY DEFERRED, "statement_id" bigint NOT NULL REFERENCES "claims_statement" ("id") DEFERRABLE INITIALLY DEFERRED, "derived_from_id" bigint NULL REFERENCES "claims_citation" ("id") DEFERRABLE INITIALLY DEFERRED, CONSTRAINT "claims_citation_role_valid" CHECK ("role" IN ('origin', 'reports', 'republishes', 'quotes', 'translates')), CONSTRAINT "claims_citation_access_valid" CHECK ("access" IN ('direct', 'seen_by', 'obtained', 'briefed', 'interview', 'unknown')), CONSTRAINT "claims_citation_not_derived_from_itself" CHECK (NOT ("derived_from_id" = ("id") AND "derived_from_id" IS NOT NULL)), CONSTRAINT "claims_citation_origin_derives_from_nothing" CHECK ((NOT ("role" = 'origin') OR "derived_from_id" IS NULL)), CONSTRAINT "claims_citation_verified_quote_located" CHECK (("quote_verified" = 0 OR ("quote_end" = ("quote_start" + LENGTH("quote")) AND "quote_end" > ("quote_start") AND "quote_end" IS NOT NULL AND "quote_start" IS NOT NULL AND "snapshot_id" IS NOT NULL))));
INSERT INTO "claims_citation" VALUES(1,'2026-12-02 08:20:32.004174','2026-12-02 08:20:32.004213','origin','direct','','','',NULL,NULL,0,'',NULL,NULL,1,1,NULL);
INSERT INTO "claims_citation" VALUES(2,'2026-12-02 08:20:32.019319','2026-12-02 08:20:32.019383','reports','seen_by','','','',NULL,NULL,0,'',NULL,NULL,2,1,1);
INSERT INTO "claims_citation" VALUES(3,'2026-12-02 08:20:32.034049','2026-12-02 08:20:32.034088','republishes','direct','The U.S. military says Turkey sent more than 3,500 Syrian fighters to Libya during the first three months of 2020 to help the North African country’s internationally recognized government in its civil war against a rebel commander.',' Libyan conflict. (file photo)

','

The Defense Department’s repor',158,389,1,'',NULL,1,3,1,2);
INSERT INTO "claims_citation" VALUES(4,'2026-12-02 08:20:32.091305','2026-12-02 08:20:32.091366','origin','direct','','','',NULL,NULL,0,'',NULL,NULL,1,2,NULL);
INSERT INTO "claims_citation" VALUES(5,'2026-12-02 08:20:32.104870','2026-12-02 08:20:32.104914','reports','seen_by','','','',NULL,NULL,0,'',NULL,NULL,2,2,4);
INSERT INTO "claims_citation" VALUES(6,'2026-12-02 08:20:32.118764','2026-12-02 08:20:32.118800','republishes','direct','The new Pentagon report says Turkey paid and offered citizenship to thousands of mercenaries fighting alongside Tripoli-based militias against Haftar''s forces.','ied sending aircraft to Libya.

','

The report said no evidence wa',1751,1910,1,'',NULL,1,3,2,5);
INSERT INTO "claims_citation" VALUES(7,'2026-12-02 08:20:32.170072','2026-12-02 08:20:32.170111','origin','direct','','','',NULL,NULL,0,'',NULL,NULL,1,3,NULL);
INSERT INTO "claims_citation" VALUES(8,'2026-12-02 08:20:32.182711','2026-12-02 08:20:32.182750','reports','seen_by','','','',NULL,NULL,0,'',NULL,NULL,2,3,7);
INSERT INTO "claims_citation" VALUES(9,'2026-12-02 08:20:32.196412','2026-12-02 08:20:32.196446','republishes','direct','The report said no evidence was found to indicate that the Syrian fighters were affiliated with the Islamic State (IS) extremist group or Al-Qaeda, saying instead that they were “very likely” motivated by financial reasons than by ideology.','itias against Haftar''s forces.

','

A string of Turkish-backed vic',1912,2152,1,'',NULL,1,3,3,8);
INSERT INTO "claims_citation" VALUES(10,'2026-12-02 08:20:32.251047','2026-12-02 08:20:32.251086','reports','direct','The United States has accused Moscow of deploying military jets to Libya to provide support for the Russian mercenaries','tensification of the violence.

','

Moscow has denied the Russian ',1500,1619,1,'',NULL,1,3,4,NULL);
INSERT INTO "claims_citation" VALUES(11,'2026-12-02 08:20:32.311024','2026-12-02 08:20:32.311067','origin','direct','Russia has supported the rebels, mainly through the Kremlin-connected military contractor Vagner Group.',' the Tripoli-based government.

',' France, Egypt, Jordan, and the ',1087,1190,1,'',NULL,1,3,5,NULL);
INSERT INTO "claims_citation" VALUES(12,'2026-12-02 08:20:32.371817','2026-12-02 08:20:32.371855','reports','direct','Both Russia and Turkey have been criticized by the UN and Western officials, who say their efforts to arm their allies have led to an intensification of the violence.',' Kick A ''Wasp''s Nest'' In Libya

','

The United States has accused ',1332,1498,1,'',NULL,1,3,6,NULL);
INSERT INTO "claims_citation" VALUES(13,'2026-12-02 08:20:32.397520','2026-12-02 08:20:32.397554','reports','direct','Both Russia and Turkey have been criticized by the UN and Western officials, who say their efforts to arm their allies have led to an intensification of the violence.',' Kick A ''Wasp''s Nest'' In Libya

','

The United States has accused ',1332,1498,1,'',NULL,1,3,7,NULL);
INSERT INTO "claims_citation" VALUES(14,'2026-12-02 08:20:32.422982','2026-12-02 08:20:32.423022','reports','direct','Moscow has denied the Russian state is responsible for any deployments of the Vagner group and denied sending aircraft to Libya.','rt for the Russian mercenaries

','

The new Pentagon report says T',1621,1749,1,'',NULL,1,3,8,NULL);
INSERT INTO "claims_citation" VALUES(15,'2026-12-02 08:20:32.448616','2026-12-02 08:20:32.448658','reports','direct','Moscow has denied the Russian state is responsible for any deployments of the Vagner group and denied sending aircraft to Libya.','rt for the Russian mercenaries

','

The new Pentagon report says T',1621,1749,1,'',NULL,1,3,9,NULL);
INSERT INTO "claims_citation" VALUES(16,'2026-12-02 08:20:32.517692','2026-12-02 08:20:32.517737','reports','direct','"We are prepared to consider a possible use of sanctions if infringements against the land, sea and air embargo continue," the three heads of government wrote in a joint statement on July 18, without naming a state or entity which could be the target.','go on arms flowing into Libya.

','

"We therefore call on all Liby',2565,2816,1,'',NULL,1,3,10,NULL);
INSERT INTO "claims_citation" VALUES(17,'2026-12-02 08:20:32.555336','2026-12-02 08:20:32.555401','reports','direct','"We are prepared to consider a possible use of sanctions if infringements against the land, sea and air embargo continue," the three heads of government wrote in a joint statement on July 18, without naming a state or entity which could be the target.','go on arms flowing into Libya.

','

"We therefore call on all Liby',2565,2816,1,'',NULL,1,3,11,NULL);
INSERT INTO "claims_citation" VALUES(18,'2026-12-02 08:20:32.595516','2026-12-02 08:20:32.595562','reports','direct','"We are prepared to consider a possible use of sanctions if infringements against the land, sea and air embargo continue," the three heads of government wrote in a joint statement on July 18, without naming a state or entity which could be the target.','go on arms flowing into Libya.

','

"We therefore call on all Liby',2565,2816,1,'',NULL,1,3,12,NULL);
CREATE TABLE "claims_claim" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL, "text" text NOT NULL, "language" varchar(35) NOT NULL, "kind" varchar(16) NOT NULL, "quantity_value" decimal NULL, "quantity_upper" decimal NULL, "quantity_comparator" varchar(16) NOT NULL, "quantity_unit" varchar(100) NOT NULL, "period_start" date NULL, "period_end" date NULL, "period_precision" varchar(5) NOT NULL, "place" varchar(200) NOT NULL, CONSTRAINT "claims_claim_kind_valid" CHECK ("kind" IN ('factual', 'position')), CONSTRAINT "claims_claim_quantity_comparator_valid" CHECK ("quantity_comparator" IN ('exactly', 'about', 'more_than', 'at_least', 'fewer_than', 'at_most', 'between', '')), CONSTRAINT "claims_claim_period_precision_valid" CHECK ("period_precision" IN ('day', 'month', 'year')), CONSTRAINT "claims_claim_comparator_needs_value" CHECK (("quantity_comparator" = '' OR "quantity_value" IS NOT NULL)), CONSTRAINT "claims_claim_value_needs_comparator" CHECK (("quantity_value" IS NULL OR NOT ("quantity_comparator" = ''))), CONSTRAINT "claims_claim_between_needs_upper_above_value" CHECK ((NOT ("quantity_comparator" = 'between') OR ("quantity_upper" > ("quantity_value") AND "quantity_upper" IS NOT NULL))), CONSTRAINT "claims_claim_upper_only_with_between" CHECK (("quantity_comparator" = 'between' OR "quantity_upper" IS NULL)), CONSTRAINT "claims_claim_unit_needs_value" CHECK (("quantity_unit" = '' OR "quantity_value" IS NOT NULL)), CONSTRAINT "claims_claim_period_end_not_before_start" CHECK (("period_start" IS NULL OR "period_end" IS NULL OR "period_end" >= ("period_start"))), CONSTRAINT "claims_claim_language_format" CHECK ("language" REGEXP '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$'));
INSERT INTO "claims_claim" VALUES(1,'2026-12-02 08:20:31.955241','2026-12-02 08:20:31.955303','Turkey sent more than 3,500 Syrian fighters to Libya during the first three months of 2020.','en','factual',3500,NULL,'more_than','Syrian fighters','2020-01-01','2020-03-31','day','Libya');
INSERT INTO "claims_claim" VALUES(2,'2026-12-02 08:20:32.050202','2026-12-02 08:20:32.050241','Turkey paid and offered citizenship to thousands of mercenaries fighting alongside Tripoli-based militias against Haftar''s forces.','en','factual',NULL,NULL,'','',NULL,NULL,'day','');
INSERT INTO "claims_claim" VALUES(3,'2026-12-02 08:20:32.134722','2026-12-02 08:20:32.134771','No evidence indicates that the Syrian fighters sent to Libya were affiliated with the Islamic State or Al-Qaeda; they were very likely motivated by money rather than ideology.','en','factual',NULL,NULL,'','',NULL,NULL,'day','');
INSERT INTO "claims_claim" VALUES(4,'2026-12-02 08:20:32.211392','2026-12-02 08:20:32.211435','Russia deployed military jets to Libya to support Russian mercenaries.','en','factual',NULL,NULL,'','',NULL,NULL,'day','');
INSERT INTO "claims_claim" VALUES(5,'2026-12-02 08:20:32.266552','2026-12-02 08:20:32.266593','The Russian state is responsible for the Wagner Group''s deployments in Libya.','en','factual',NULL,NULL,'','',NULL,NULL,'day','');
INSERT INTO "claims_claim" VALUES(6,'2026-12-02 08:20:32.327056','2026-12-02 08:20:32.327096','Russia''s and Turkey''s efforts to arm their allies in Libya have intensified the violence.','en','factual',NULL,NULL,'','',NULL,NULL,'day','');
INSERT INTO "claims_claim" VALUES(7,'2026-12-02 08:20:32.469170','2026-12-02 08:20:32.469211','Germany, France and Italy are prepared to consider sanctions if infringements of the land, sea and air arms embargo on Libya continue.','en','position',NULL,NULL,'','',NULL,NULL,'day','');
CREATE TABLE "claims_claim_about" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "claim_id" bigint NOT NULL REFERENCES "claims_claim" ("id") DEFERRABLE INITIALLY DEFERRED, "actor_id" bigint NOT NULL REFERENCES "sources_actor" ("id") DEFERRABLE INITIALLY DEFERRED);
INSERT INTO "claims_claim_about" VALUES(1,1,6);
INSERT INTO "claims_claim_about" VALUES(2,2,6);
INSERT INTO "claims_claim_about" VALUES(3,4,5);
INSERT INTO "claims_claim_about" VALUES(4,5,5);
INSERT INTO "claims_claim_about" VALUES(5,5,7);
INSERT INTO "claims_claim_about" VALUES(6,6,5);
INSERT INTO "claims_claim_about" VALUES(7,6,6);
CREATE TABLE "claims_claim_topics" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "claim_id" bigint NOT NULL REFERENCES "claims_claim" ("id") DEFERRABLE INITIALLY DEFERRED, "topic_id" bigint NOT NULL REFERENCES "claims_topic" ("id") DEFERRABLE INITIALLY DEFERRED);
INSERT INTO "claims_claim_topics" VALUES(1,1,1);
INSERT INTO "claims_claim_topics" VALUES(2,1,2);
INSERT INTO "claims_claim_topics" VALUES(3,2,1);
INSERT INTO "claims_claim_topics" VALUES(4,2,2);
INSERT INTO "claims_claim_topics" VALUES(5,3,1);
INSERT INTO "claims_claim_topics" VALUES(6,3,2);
INSERT INTO "claims_claim_topics" VALUES(7,4,1);
INSERT INTO "claims_claim_topics" VALUES(8,5,1);
INSERT INTO "claims_claim_topics" VALUES(9,5,2);
INSERT INTO "claims_claim_topics" VALUES(10,6,1);
INSERT INTO "claims_claim_topics" VALUES(11,7,1);
INSERT INTO "claims_claim_topics" VALUES(12,7,3);
CREATE TABLE "claims_claimrelation" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL, "kind" varchar(16) NOT NULL, "note" text NOT NULL, "from_claim_id" bigint NOT NULL REFERENCES "claims_claim" ("id") DEFERRABLE INITIALLY DEFERRED, "to_claim_id" bigint NOT NULL REFERENCES "claims_claim" ("id") DEFERRABLE INITIALLY DEFERRED, CONSTRAINT "claims_claimrelation_kind_valid" CHECK ("kind" IN ('contradicts', 'supports', 'duplicate_of', 'refines', 'supersedes', 'same_event')), CONSTRAINT "claims_claimrelation_not_to_itself" CHECK (NOT ("from_claim_id" = ("to_claim_id"))), CONSTRAINT "claims_claimrelation_unique_from_to_kind" UNIQUE ("from_claim_id", "to_claim_id", "kind"));
CREATE TABLE "claims_historicalcitation" ("id" bigint NOT NULL, "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL, "role" varchar(16) NOT NULL, "access" varchar(16) NOT NULL, "quote" text NOT NULL, "quote_prefix" varchar(200) NOT NULL, "quote_suffix" varchar(200) NOT NULL, "quote_start" integer unsigned NULL CHECK ("quote_start" >= 0), "quote_end" integer unsigned NULL CHECK ("quote_end" >= 0), "quote_verified" bool NOT NULL, "locator" varchar(200) NOT NULL, "retrieved_on" date NULL, "history_id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "history_date" datetime NOT NULL, "history_change_reason" text NULL, "history_type" varchar(1) NOT NULL, "derived_from_id" bigint NULL, "history_user_id" integer NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED, "snapshot_id" bigint NULL, "source_id" bigint NULL, "statement_id" bigint NULL);
INSERT INTO "claims_historicalcitation" VALUES(1,'2026-12-02 08:20:32.004174','2026-12-02 08:20:32.004213','origin','direct','','','',NULL,NULL,0,'',NULL,1,'2026-12-02 08:20:32.005220','reference article: rferl-2020-07-libya-syrian-fighters.txt','+',NULL,NULL,NULL,1,1);
INSERT INTO "claims_historicalcitation" VALUES(2,'2026-12-02 08:20:32.019319','2026-12-02 08:20:32.019383','reports','seen_by','','','',NULL,NULL,0,'',NULL,2,'2026-12-02 08:20:32.019939','reference article: rferl-2020-07-libya-syrian-fighters.txt','+',1,NULL,NULL,2,1);
INSERT INTO "claims_historicalcitation" VALUES(3,'2026-12-02 08:20:32.034049','2026-12-02 08:20:32.034088','republishes','direct','The U.S. military says Turkey sent more than 3,500 Syrian fighters to Libya during the first three months of 2020 to help the North African country’s internationally recognized government in its civil war against a rebel commander.',' Libyan conflict. (file photo)

','

The Defense Department’s repor',158,389,1,'',NULL,3,'2026-12-02 08:20:32.034710','reference article: rferl-2020-07-libya-syrian-fighters.txt','+',2,NULL,1,3,1);
INSERT INTO "claims_historicalcitation" VALUES(4,'2026-12-02 08:20:32.091305','2026-12-02 08:20:32.091366','origin','direct','','','',NULL,NULL,0,'',NULL,4,'2026-12-02 08:20:32.091943','reference article: rferl-2020-07-libya-syrian-fighters.txt','+',NULL,NULL,NULL,1,2);
INSERT INTO "claims_historicalcitation" VALUES(5,'2026-12-02 08:20:32.104870','2026-12-02 08:20:32.104914','reports','seen_by','','','',NULL,NULL,0,'',NULL,5,'2026-12-02 08:20:32.105500','reference article: rferl-2020-07-libya-syrian-fighters.txt','+',4,NULL,NULL,2,2);
INSERT INTO "claims_historicalcitation" VALUES(6,'2026-12-02 08:20:32.118764','2026-12-02 08:20:32.118800','republishes','direct','The new Pentagon report says Turkey paid and offered citizenship to thousands of mercenaries fighting alongside Tripoli-based militias against Haftar''s forces.','ied sending aircraft to Libya.

','

The report said no evidence wa',1751,1910,1,'',NULL,6,'2026-12-02 08:20:32.119399','reference article: rferl-2020-07-libya-syrian-fighters.txt','+',5,NULL,1,3,2);
INSERT INTO "claims_historicalcitation" VALUES(7,'2026-12-02 08:20:32.170072','2026-12-02 08:20:32.170111','origin','direct','','','',NULL,NULL,0,'',NULL,7,'2026-12-02 08:20:32.170683','reference article: rferl-2020-07-libya-syrian-fighters.txt','+',NULL,NULL,NULL,1,3);
INSERT INTO "claims_historicalcitation" VALUES(8,'2026-12-02 08:20:32.182711','2026-12-02 08:20:32.182750','reports','seen_by','','','',NULL,NULL,0,'',NULL,8,'2026-12-02 08:20:32.183316','reference article: rferl-2020-07-libya-syrian-fighters.txt','+',7,NULL,NULL,2,3);
INSERT INTO "claims_historicalcitation" VALUES(9,'2026-12-02 08:20:32.196412','2026-12-02 08:20:32.196446','republishes','direct','The report said no evidence was found to indicate that the Syrian fighters were affiliated with the Islamic State (IS) extremist group or Al-Qaeda, saying instead that they were “very likely” motivated by financial reasons than by ideology.','itias against Haftar''s forces.

','

A string of Turkish-backed vic',1912,2152,1,'',NULL,9,'2026-12-02 08:20:32.196973','reference article: rferl-2020-07-libya-syrian-fighters.txt','+',8,NULL,1,3,3);
INSERT INTO "claims_historicalcitation" VALUES(10,'2026-12-02 08:20:32.251047','2026-12-02 08:20:32.251086','reports','direct','The United States has accused Moscow of deploying military jets to Libya to provide support for the Russian mercenaries','tensification of the violence.

','

Moscow has denied the Russian ',1500,1619,1,'',NULL,10,'2026-12-02 08:20:32.251775','reference article: rferl-2020-07-libya-syrian-fighters.txt','+',NULL,NULL,1,3,4);
INSERT INTO "claims_historicalcitation" VALUES(11,'2026-12-02 08:20:32.311024','2026-12-02 08:20:32.311067','origin','direct','Russia has supported the rebels, mainly through the Kremlin-connected military contractor Vagner Group.',' the Tripoli-based government.

',' France, Egypt, Jordan, and the ',1087,1190,1,'',NULL,11,'2026-12-02 08:20:32.311739','reference article: rferl-2020-07-libya-syrian-fighters.txt','+',NULL,NULL,1,3,5);
INSERT INTO "claims_historicalcitation" VALUES(12,'2026-12-02 08:20:32.371817','2026-12-02 08:20:32.371855','reports','direct','Both Russia and Turkey have been criticized by the UN and Western officials, who say their efforts to arm their allies have led to an intensification of the violence.',' Kick A ''Wasp''s Nest'' In Libya

','

The United States has accused ',1332,1498,1,'',NULL,12,'2026-12-02 08:20:32.372489','reference article: rferl-2020-07-libya-syrian-fighters.txt','+',NULL,NULL,1,3,6);
INSERT INTO "claims_historicalcitation" VALUES(13,'2026-12-02 08:20:32.397520','2026-12-02 08:20:32.397554','reports','direct','Both Russia and Turkey have been criticized by the UN and Western officials, who say their efforts to arm their allies have led to an intensification of the violence.',' Kick A ''Wasp''s Nest'' In Libya

','

The United States has accused ',1332,1498,1,'',NULL,13,'2026-12-02 08:20:32.398107','reference article: rferl-2020-07-libya-syrian-fighters.txt','+',NULL,NULL,1,3,7);
INSERT INTO "claims_historicalcitation" VALUES(14,'2026-12-02 08:20:32.422982','2026-12-02 08:20:32.423022','reports','direct','Moscow has denied the Russian state is responsible for any deployments of the Vagner group and denied sending aircraft to Libya.','rt for the Russian mercenaries

','

The new Pentagon report says T',1621,1749,1,'',NULL,14,'2026-12-02 08:20:32.423683','reference article: rferl-2020-07-libya-syrian-fighters.txt','+',NULL,NULL,1,3,8);
INSERT INTO "claims_historicalcitation" VALUES(15,'2026-12-02 08:20:32.448616','2026-12-02 08:20:32.448658','reports','direct','Moscow has denied the Russian state is responsible for any deployments of the Vagner group and denied sending aircraft to Libya.','rt for the Russian mercenaries

','

The new Pentagon report says T',1621,1749,1,'',NULL,15,'2026-12-02 08:20:32.449244','reference article: rferl-2020-07-libya-syrian-fighters.txt','+',NULL,NULL,1,3,9);
INSERT INTO "claims_historicalcitation" VALUES(16,'2026-12-02 08:20:32.517692','2026-12-02 08:20:32.517737','reports','direct','"We are prepared to consider a possible use of sanctions if infringements against the land, sea and air embargo continue," the three heads of government wrote in a joint statement on July 18, without naming a state or entity which could be the target.','go on arms flowing into Libya.

','

"We therefore call on all Liby',2565,2816,1,'',NULL,16,'2026-12-02 08:20:32.518363','reference article: rferl-2020-07-libya-syrian-fighters.txt','+',NULL,NULL,1,3,10);
INSERT INTO "claims_historicalcitation" VALUES(17,'2026-12-02 08:20:32.555336','2026-12-02 08:20:32.555401','reports','direct','"We are prepared to consider a possible use of sanctions if infringements against the land, sea and air embargo continue," the three heads of government wrote in a joint statement on July 18, without naming a state or entity which could be the target.','go on arms flowing into Libya.

','

"We therefore call on all Liby',2565,2816,1,'',NULL,17,'2026-12-02 08:20:32.556012','reference article: rferl-2020-07-libya-syrian-fighters.txt','+',NULL,NULL,1,3,11);
INSERT INTO "claims_historicalcitation" VALUES(18,'2026-12-02 08:20:32.595516','2026-12-02 08:20:32.595562','reports','direct','"We are prepared to consider a possible use of sanctions if infringements against the land, sea and air embargo continue," the three heads of government wrote in a joint statement on July 18, without naming a state or entity which could be the target.','go on arms flowing into Libya.

','

"We therefore call on all Liby',2565,2816,1,'',NULL,18,'2026-12-02 08:20:32.596210','reference article: rferl-2020-07-libya-syrian-fighters.txt','+',NULL,NULL,1,3,12);
CREATE TABLE "claims_historicalclaim" ("id" bigint NOT NULL, "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL, "text" text NOT NULL, "language" varchar(35) NOT NULL, "kind" varchar(16) NOT NULL, "quantity_value" decimal NULL, "quantity_upper" decimal NULL, "quantity_comparator" varchar(16) NOT NULL, "quantity_unit" varchar(100) NOT NULL, "period_start" date NULL, "period_end" date NULL, "period_precision" varchar(5) NOT NULL, "place" varchar(200) NOT NULL, "history_id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "history_date" datetime NOT NULL, "history_change_reason" text NULL, "history_type" varchar(1) NOT NULL, "history_user_id" integer NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED);
INSERT INTO "claims_historicalclaim" VALUES(1,'2026-12-02 08:20:31.955241','2026-12-02 08:20:31.955303','Turkey sent more than 3,500 Syrian fighters to Libya during the first three months of 2020.','en','factual',3500,NULL,'more_than','Syrian fighters','2020-01-01','2020-03-31','day','Libya',1,'2026-12-02 08:20:31.956315','reference article: rferl-2020-07-libya-syrian-fighters.txt','+',NULL);
INSERT INTO "claims_historicalclaim" VALUES(1,'2026-12-02 08:20:31.955241','2026-12-02 08:20:31.955303','Turkey sent more than 3,500 Syrian fighters to Libya during the first three months of 2020.','en','factual',3500,NULL,'more_than','Syrian fighters','2020-01-01','2020-03-31','day','Libya',2,'2026-12-02 08:20:31.964751','reference article: rferl-2020-07-libya-syrian-fighters.txt','~',NULL);
INSERT INTO "claims_historicalclaim" VALUES(1,'2026-12-02 08:20:31.955241','2026-12-02 08:20:31.955303','Turkey sent more than 3,500 Syrian fighters to Libya during the first three months of 2020.','en','factual',3500,NULL,'more_than','Syrian fighters','2020-01-01','2020-03-31','day','Libya',3,'2026-12-02 08:20:31.972016','reference article: rferl-2020-07-libya-syrian-fighters.txt','~',NULL);
INSERT INTO "claims_historicalclaim" VALUES(2,'2026-12-02 08:20:32.050202','2026-12-02 08:20:32.050241','Turkey paid and offered citizenship to thousands of mercenaries fighting alongside Tripoli-based militias against Haftar''s forces.','en','factual',NULL,NULL,'','',NULL,NULL,'day','',4,'2026-12-02 08:20:32.050820','reference article: rferl-2020-07-libya-syrian-fighters.txt','+',NULL);
INSERT INTO "claims_historicalclaim" VALUES(2,'2026-12-02 08:20:32.050202','2026-12-02 08:20:32.050241','Turkey paid and offered citizenship to thousands of mercenaries fighting alongside Tripoli-based militias against Haftar''s forces.','en','factual',NULL,NULL,'','',NULL,NULL,'day','',5,'2026-12-02 08:20:32.057074','reference article: rferl-2020-07-libya-syrian-fighters.txt','~',NULL);
INSERT INTO "claims_historicalclaim" VALUES(2,'2026-12-02 08:20:32.050202','2026-12-02 08:20:32.050241','Turkey paid and offered citizenship to thousands of mercenaries fighting alongside Tripoli-based militias against Haftar''s forces.','en','factual',NULL,NULL,'','',NULL,NULL,'day','',6,'2026-12-02 08:20:32.063202','reference article: rferl-2020-07-libya-syrian-fighters.txt','~',NULL);
INSERT INTO "claims_historicalclaim" VALUES(3,'2026-12-02 08:20:32.134722','2026-12-02 08:20:32.134771','No evidence indicates that the Syrian fighters sent to Libya were affiliated with the Islamic State or Al-Qaeda; they were very likely motivated by money rather than ideology.','en','factual',NULL,NULL,'','',NULL,NULL,'day','',7,'2026-12-02 08:20:32.135433','reference article: rferl-2020-07-libya-syrian-fighters.txt','+',NULL);
INSERT INTO "claims_historicalclaim" VALUES(3,'2026-12-02 08:20:32.134722','2026-12-02 08:20:32.134771','No evidence indicates that the Syrian fighters sent to Libya were affiliated with the Islamic State or Al-Qaeda; they were very likely motivated by money rather than ideology.','en','factual',NULL,NULL,'','',NULL,NULL,'day','',8,'2026-12-02 08:20:32.142131','reference article: rferl-2020-07-libya-syrian-fighters.txt','~',NULL);
INSERT INTO "claims_historicalclaim" VALUES(4,'2026-12-02 08:20:32.211392','2026-12-02 08:20:32.211435','Russia deployed military jets to Libya to support Russian mercenaries.','en','factual',NULL,NULL,'','',NULL,NULL,'day','',9,'2026-12-02 08:20:32.212006','reference article: rferl-2020-07-libya-syrian-fighters.txt','+',NULL);
INSERT INTO "claims_historicalclaim" VALUES(4,'2026-12-02 08:20:32.211392','2026-12-02 08:20:32.211435','Russia deployed military jets to Libya to support Russian mercenaries.','en','factual',NULL,NULL,'','',NULL,NULL,'day','',10,'2026-12-02 08:20:32.217944','reference article: rferl-2020-07-libya-syrian-fighters.txt','~',NULL);
INSERT INTO "claims_historicalclaim" VALUES(4,'2026-12-02 08:20:32.211392','2026-12-02 08:20:32.211435','Russia deployed military jets to Libya to support Russian mercenaries.','en','factual',NULL,NULL,'','',NULL,NULL,'day','',11,'2026-12-02 08:20:32.223919','reference article: rferl-2020-07-libya-syrian-fighters.txt','~',NULL);
INSERT INTO "claims_historicalclaim" VALUES(5,'2026-12-02 08:20:32.266552','2026-12-02 08:20:32.266593','The Russian state is responsible for the Wagner Group''s deployments in Libya.','en','factual',NULL,NULL,'','',NULL,NULL,'day','',12,'2026-12-02 08:20:32.267114','reference article: rferl-2020-07-libya-syrian-fighters.txt','+',NULL);
INSERT INTO "claims_historicalclaim" VALUES(5,'2026-12-02 08:20:32.266552','2026-12-02 08:20:32.266593','The Russian state is responsible for the Wagner Group''s deployments in Libya.','en','factual',NULL,NULL,'','',NULL,NULL,'day','',13,'2026-12-02 08:20:32.274265','reference article: rferl-2020-07-libya-syrian-fighters.txt','~',NULL);
INSERT INTO "claims_historicalclaim" VALUES(5,'2026-12-02 08:20:32.266552','2026-12-02 08:20:32.266593','The Russian state is responsible for the Wagner Group''s deployments in Libya.','en','factual',NULL,NULL,'','',NULL,NULL,'day','',14,'2026-12-02 08:20:32.281694','reference article: rferl-2020-07-libya-syrian-fighters.txt','~',NULL);
INSERT INTO "claims_historicalclaim" VALUES(6,'2026-12-02 08:20:32.327056','2026-12-02 08:20:32.327096','Russia''s and Turkey''s efforts to arm their allies in Libya have intensified the violence.','en','factual',NULL,NULL,'','',NULL,NULL,'day','',15,'2026-12-02 08:20:32.327736','reference article: rferl-2020-07-libya-syrian-fighters.txt','+',NULL);
INSERT INTO "claims_historicalclaim" VALUES(6,'2026-12-02 08:20:32.327056','2026-12-02 08:20:32.327096','Russia''s and Turkey''s efforts to arm their allies in Libya have intensified the violence.','en','factual',NULL,NULL,'','',NULL,NULL,'day','',16,'2026-12-02 08:20:32.334477','reference article: rferl-2020-07-libya-syrian-fighters.txt','~',NULL);
INSERT INTO "claims_historicalclaim" VALUES(6,'2026-12-02 08:20:32.327056','2026-12-02 08:20:32.327096','Russia''s and Turkey''s efforts to arm their allies in Libya have intensified the violence.','en','factual',NULL,NULL,'','',NULL,NULL,'day','',17,'2026-12-02 08:20:32.341510','reference article: rferl-2020-07-libya-syrian-fighters.txt','~',NULL);
INSERT INTO "claims_historicalclaim" VALUES(7,'2026-12-02 08:20:32.469170','2026-12-02 08:20:32.469211','Germany, France and Italy are prepared to consider sanctions if infringements of the land, sea and air arms embargo on Libya continue.','en','position',NULL,NULL,'','',NULL,NULL,'day','',18,'2026-12-02 08:20:32.470117','reference article: rferl-2020-07-libya-syrian-fighters.txt','+',NULL);
INSERT INTO "claims_historicalclaim" VALUES(7,'2026-12-02 08:20:32.469170','2026-12-02 08:20:32.469211','Germany, France and Italy are prepared to consider sanctions if infringements of the land, sea and air arms embargo on Libya continue.','en','position',NULL,NULL,'','',NULL,NULL,'day','',19,'2026-12-02 08:20:32.477447','reference article: rferl-2020-07-libya-syrian-fighters.txt','~',NULL);
CREATE TABLE "claims_historicalclaim_about" ("id" bigint NOT NULL, "m2m_history_id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "actor_id" bigint NULL, "claim_id" bigint NULL, "history_id" integer NOT NULL);
INSERT INTO "claims_historicalclaim_about" VALUES(1,1,6,1,2);
INSERT INTO "claims_historicalclaim_about" VALUES(1,2,6,1,3);
INSERT INTO "claims_historicalclaim_about" VALUES(2,3,6,2,5);
INSERT INTO "claims_historicalclaim_about" VALUES(2,4,6,2,6);
INSERT INTO "claims_historicalclaim_about" VALUES(3,5,5,4,10);
INSERT INTO "claims_historicalclaim_about" VALUES(3,6,5,4,11);
INSERT INTO "claims_historicalclaim_about" VALUES(4,7,5,5,13);
INSERT INTO "claims_historicalclaim_about" VALUES(5,8,7,5,13);
INSERT INTO "claims_historicalclaim_about" VALUES(4,9,5,5,14);
INSERT INTO "claims_historicalclaim_about" VALUES(5,10,7,5,14);
INSERT INTO "claims_historicalclaim_about" VALUES(6,11,5,6,16);
INSERT INTO "claims_historicalclaim_about" VALUES(7,12,6,6,16);
INSERT INTO "claims_historicalclaim_about" VALUES(6,13,5,6,17);
INSERT INTO "claims_historicalclaim_about" VALUES(7,14,6,6,17);
CREATE TABLE "claims_historicalclaim_topics" ("id" bigint NOT NULL, "m2m_history_id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "claim_id" bigint NULL, "history_id" integer NOT NULL, "topic_id" bigint NULL);
INSERT INTO "claims_historicalclaim_topics" VALUES(1,1,1,3,1);
INSERT INTO "claims_historicalclaim_topics" VALUES(2,2,1,3,2);
INSERT INTO "claims_historicalclaim_topics" VALUES(3,3,2,6,1);
INSERT INTO "claims_historicalclaim_topics" VALUES(4,4,2,6,2);
INSERT INTO "claims_historicalclaim_topics" VALUES(5,5,3,8,1);
INSERT INTO "claims_historicalclaim_topics" VALUES(6,6,3,8,2);
INSERT INTO "claims_historicalclaim_topics" VALUES(7,7,4,11,1);
INSERT INTO "claims_historicalclaim_topics" VALUES(8,8,5,14,1);
INSERT INTO "claims_historicalclaim_topics" VALUES(9,9,5,14,2);
INSERT INTO "claims_historicalclaim_topics" VALUES(10,10,6,17,1);
INSERT INTO "claims_historicalclaim_topics" VALUES(11,11,7,19,1);
INSERT INTO "claims_historicalclaim_topics" VALUES(12,12,7,19,3);
CREATE TABLE "claims_historicalclaimrelation" ("id" bigint NOT NULL, "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL, "kind" varchar(16) NOT NULL, "note" text NOT NULL, "history_id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "history_date" datetime NOT NULL, "history_change_reason" text NULL, "history_type" varchar(1) NOT NULL, "from_claim_id" bigint NULL, "history_user_id" integer NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED, "to_claim_id" bigint NULL);
CREATE TABLE "claims_historicalratinglabel" ("id" bigint NOT NULL, "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL, "label" varchar(100) NOT NULL, "value" decimal NULL, "description" text NOT NULL, "colour" varchar(7) NOT NULL, "order" smallint unsigned NOT NULL CHECK ("order" >= 0), "history_id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "history_date" datetime NOT NULL, "history_change_reason" text NULL, "history_type" varchar(1) NOT NULL, "history_user_id" integer NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED, "scale_id" bigint NULL);
CREATE TABLE "claims_historicalratingscale" ("id" bigint NOT NULL, "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL, "name" varchar(100) NOT NULL, "slug" varchar(100) NOT NULL, "description" text NOT NULL, "best_value" decimal NOT NULL, "worst_value" decimal NOT NULL, "is_default" bool NOT NULL, "history_id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "history_date" datetime NOT NULL, "history_change_reason" text NULL, "history_type" varchar(1) NOT NULL, "history_user_id" integer NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "claims_historicalreview" ("id" bigint NOT NULL, "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL, "version" smallint unsigned NOT NULL CHECK ("version" >= 0), "state" varchar(20) NOT NULL, "due_on" date NULL, "priority" varchar(8) NOT NULL, "explanation" varchar(500) NOT NULL, "write_up" text NOT NULL, "origin_unavailable_reason" text NOT NULL, "published_at" datetime NULL, "correction_note" text NOT NULL, "retraction_reason" text NOT NULL, "history_id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "history_date" datetime NOT NULL, "history_change_reason" text NULL, "history_type" varchar(1) NOT NULL, "approver_id" integer NULL, "assignee_id" integer NULL, "claim_id" bigint NULL, "history_user_id" integer NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED, "published_by_id" integer NULL, "verdict_author_id" integer NULL, "rating_id" bigint NULL, "scale_id" bigint NULL, "previous_id" bigint NULL);
INSERT INTO "claims_historicalreview" VALUES(1,'2026-12-02 08:20:36.643474','2026-12-02 08:20:36.643504',1,'draft',NULL,'high','','','',NULL,'','',1,'2026-12-02 08:20:36.644644',NULL,'+',NULL,NULL,1,2,NULL,NULL,NULL,1,NULL);
INSERT INTO "claims_historicalreview" VALUES(1,'2026-12-02 08:20:36.643474','2026-12-02 08:20:36.667093',1,'submitted',NULL,'high','','','',NULL,'','',2,'2026-12-02 08:20:36.668490',NULL,'~',NULL,NULL,1,2,NULL,NULL,NULL,1,NULL);
INSERT INTO "claims_historicalreview" VALUES(1,'2026-12-02 08:20:36.643474','2026-12-02 08:20:36.692457',1,'in_review',NULL,'high','','','',NULL,'','',3,'2026-12-02 08:20:36.693471',NULL,'~',NULL,3,1,3,NULL,NULL,NULL,1,NULL);
INSERT INTO "claims_historicalreview" VALUES(1,'2026-12-02 08:20:36.643474','2026-12-02 08:20:36.717574',1,'in_review',NULL,'high','The report says so.','Line one.
Line two.','The Pentagon report was never made public.',NULL,'','',4,'2026-12-02 08:20:36.718572',NULL,'~',NULL,3,1,3,NULL,3,2,1,NULL);
INSERT INTO "claims_historicalreview" VALUES(1,'2026-12-02 08:20:36.643474','2026-12-02 08:20:36.717574',1,'in_review',NULL,'high','The report says so.','Line one.
Line two.','The Pentagon report was never made public.',NULL,'','',5,'2026-12-02 08:20:36.723735',NULL,'~',NULL,3,1,3,NULL,3,2,1,NULL);
INSERT INTO "claims_historicalreview" VALUES(1,'2026-12-02 08:20:36.643474','2026-12-02 08:20:36.754816',1,'approved',NULL,'high','The report says so.','Line one.
Line two.','The Pentagon report was never made public.',NULL,'','',6,'2026-12-02 08:20:36.756236',NULL,'~',4,3,1,4,NULL,3,2,1,NULL);
INSERT INTO "claims_historicalreview" VALUES(1,'2026-12-02 08:20:36.643474','2026-12-02 08:20:36.782116',1,'published',NULL,'high','The report says so.','Line one.
Line two.','The Pentagon report was never made public.','2026-12-02 08:20:36.769252','','',7,'2026-12-02 08:20:36.783263',NULL,'~',4,3,1,4,4,3,2,1,NULL);
INSERT INTO "claims_historicalreview" VALUES(2,'2026-12-02 08:20:36.808907','2026-12-02 08:20:36.808939',2,'in_review',NULL,'high','The report says so.','Line one.
Line two.','The Pentagon report was never made public.',NULL,'The figure needs context.','',8,'2026-12-02 08:20:36.810146',NULL,'+',NULL,4,1,4,NULL,3,2,1,1);
INSERT INTO "claims_historicalreview" VALUES(2,'2026-12-02 08:20:36.808907','2026-12-02 08:20:36.808939',2,'in_review',NULL,'high','The report says so.','Line one.
Line two.','The Pentagon report was never made public.',NULL,'The figure needs context.','',9,'2026-12-02 08:20:36.817504',NULL,'~',NULL,4,1,4,NULL,3,2,1,1);
INSERT INTO "claims_historicalreview" VALUES(2,'2026-12-02 08:20:36.808907','2026-12-02 08:20:36.847702',2,'in_review',NULL,'high','The report says so; context added.','Line one.
Line two.','The Pentagon report was never made public.',NULL,'The figure needs context.','',10,'2026-12-02 08:20:36.848692',NULL,'~',NULL,4,1,4,NULL,3,2,1,1);
INSERT INTO "claims_historicalreview" VALUES(3,'2026-12-02 08:20:36.878818','2026-12-02 08:20:36.878861',1,'draft',NULL,'normal','','','',NULL,'','',11,'2026-12-02 08:20:36.880076',NULL,'+',NULL,NULL,2,2,NULL,NULL,NULL,1,NULL);
INSERT INTO "claims_historicalreview" VALUES(3,'2026-12-02 08:20:36.878818','2026-12-02 08:20:36.909601',1,'submitted',NULL,'normal','','','',NULL,'','',12,'2026-12-02 08:20:36.911130',NULL,'~',NULL,NULL,2,2,NULL,NULL,NULL,1,NULL);
INSERT INTO "claims_historicalreview" VALUES(3,'2026-12-02 08:20:36.878818','2026-12-02 08:20:36.942006',1,'in_review',NULL,'normal','','','',NULL,'','',13,'2026-12-02 08:20:36.943757',NULL,'~',NULL,3,2,3,NULL,NULL,NULL,1,NULL);
INSERT INTO "claims_historicalreview" VALUES(3,'2026-12-02 08:20:36.878818','2026-12-02 08:20:36.976437',1,'in_review',NULL,'normal','Cannot be settled.','','Not public.',NULL,'','',14,'2026-12-02 08:20:36.977951',NULL,'~',NULL,3,2,3,NULL,3,6,1,NULL);
INSERT INTO "claims_historicalreview" VALUES(3,'2026-12-02 08:20:36.878818','2026-12-02 08:20:37.012157',1,'approved',NULL,'normal','Cannot be settled.','','Not public.',NULL,'','',15,'2026-12-02 08:20:37.013280',NULL,'~',4,3,2,4,NULL,3,6,1,NULL);
INSERT INTO "claims_historicalreview" VALUES(3,'2026-12-02 08:20:36.878818','2026-12-02 08:20:37.037062',1,'published',NULL,'normal','Cannot be settled.','','Not public.','2026-12-02 08:20:37.024785','','',16,'2026-12-02 08:20:37.038202',NULL,'~',4,3,2,4,4,3,6,1,NULL);
INSERT INTO "claims_historicalreview" VALUES(3,'2026-12-02 08:20:36.878818','2026-12-02 08:20:37.060980',1,'retracted',NULL,'normal','Cannot be settled.','','Not public.','2026-12-02 08:20:37.024785','','The source was withdrawn.',17,'2026-12-02 08:20:37.062034',NULL,'~',4,3,2,5,4,3,6,1,NULL);
CREATE TABLE "claims_historicalreview_evidence" ("id" bigint NOT NULL, "m2m_history_id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "citation_id" bigint NULL, "history_id" integer NOT NULL, "review_id" bigint NULL);
INSERT INTO "claims_historicalreview_evidence" VALUES(1,1,1,5,1);
INSERT INTO "claims_historicalreview_evidence" VALUES(2,2,2,5,1);
INSERT INTO "claims_historicalreview_evidence" VALUES(3,3,3,5,1);
INSERT INTO "claims_historicalreview_evidence" VALUES(1,4,1,6,1);
INSERT INTO "claims_historicalreview_evidence" VALUES(2,5,2,6,1);
INSERT INTO "claims_historicalreview_evidence" VALUES(3,6,3,6,1);
INSERT INTO "claims_historicalreview_evidence" VALUES(1,7,1,7,1);
INSERT INTO "claims_historicalreview_evidence" VALUES(2,8,2,7,1);
INSERT INTO "claims_historicalreview_evidence" VALUES(3,9,3,7,1);
INSERT INTO "claims_historicalreview_evidence" VALUES(4,10,1,9,2);
INSERT INTO "claims_historicalreview_evidence" VALUES(5,11,2,9,2);
INSERT INTO "claims_historicalreview_evidence" VALUES(6,12,3,9,2);
INSERT INTO "claims_historicalreview_evidence" VALUES(4,13,1,10,2);
INSERT INTO "claims_historicalreview_evidence" VALUES(5,14,2,10,2);
INSERT INTO "claims_historicalreview_evidence" VALUES(6,15,3,10,2);
CREATE TABLE "claims_historicalreviewcomment" ("id" bigint NOT NULL, "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL, "text" text NOT NULL, "history_id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "history_date" datetime NOT NULL, "history_change_reason" text NULL, "history_type" varchar(1) NOT NULL, "author_id" integer NULL, "history_user_id" integer NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED, "review_id" bigint NULL);
INSERT INTO "claims_historicalreviewcomment" VALUES(1,'2026-12-02 08:20:36.732511','2026-12-02 08:20:36.732540','Checked the AP story.',1,'2026-12-02 08:20:36.733101',NULL,'+',3,3,1);
CREATE TABLE "claims_historicalstatement" ("id" bigint NOT NULL, "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL, "speaker_label" varchar(255) NOT NULL, "stance" varchar(16) NOT NULL, "stated_on" date NULL, "stated_precision" varchar(5) NOT NULL, "confidence" varchar(8) NOT NULL, "note" text NOT NULL, "history_id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "history_date" datetime NOT NULL, "history_change_reason" text NULL, "history_type" varchar(1) NOT NULL, "actor_id" bigint NULL, "claim_id" bigint NULL, "history_user_id" integer NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED, "responds_to_id" bigint NULL);
INSERT INTO "claims_historicalstatement" VALUES(1,'2026-12-02 08:20:31.988329','2026-12-02 08:20:31.988366','','asserts',NULL,'day','high','',1,'2026-12-02 08:20:31.989376','reference article: rferl-2020-07-libya-syrian-fighters.txt','+',2,1,NULL,NULL);
INSERT INTO "claims_historicalstatement" VALUES(2,'2026-12-02 08:20:32.078138','2026-12-02 08:20:32.078176','','asserts',NULL,'day','high','',2,'2026-12-02 08:20:32.078808','reference article: rferl-2020-07-libya-syrian-fighters.txt','+',2,2,NULL,NULL);
INSERT INTO "claims_historicalstatement" VALUES(3,'2026-12-02 08:20:32.157177','2026-12-02 08:20:32.157221','','asserts',NULL,'day','high','',3,'2026-12-02 08:20:32.157772','reference article: rferl-2020-07-libya-syrian-fighters.txt','+',2,3,NULL,NULL);
INSERT INTO "claims_historicalstatement" VALUES(4,'2026-12-02 08:20:32.237901','2026-12-02 08:20:32.237939','','asserts',NULL,'day','high','',4,'2026-12-02 08:20:32.238468','reference article: rferl-2020-07-libya-syrian-fighters.txt','+',1,4,NULL,NULL);
INSERT INTO "claims_historicalstatement" VALUES(5,'2026-12-02 08:20:32.296760','2026-12-02 08:20:32.296798','','asserts',NULL,'day','high','',5,'2026-12-02 08:20:32.297442','reference article: rferl-2020-07-libya-syrian-fighters.txt','+',4,5,NULL,NULL);
INSERT INTO "claims_historicalstatement" VALUES(6,'2026-12-02 08:20:32.357444','2026-12-02 08:20:32.357485','','asserts',NULL,'day','high','',6,'2026-12-02 08:20:32.358018','reference article: rferl-2020-07-libya-syrian-fighters.txt','+',11,6,NULL,NULL);
INSERT INTO "claims_historicalstatement" VALUES(7,'2026-12-02 08:20:32.383649','2026-12-02 08:20:32.383689','Western officials','asserts',NULL,'day','high','',7,'2026-12-02 08:20:32.384203','reference article: rferl-2020-07-libya-syrian-fighters.txt','+',NULL,6,NULL,NULL);
INSERT INTO "claims_historicalstatement" VALUES(8,'2026-12-02 08:20:32.409975','2026-12-02 08:20:32.410009','','denies',NULL,'day','high','',8,'2026-12-02 08:20:32.410525','reference article: rferl-2020-07-libya-syrian-fighters.txt','+',5,5,NULL,5);
INSERT INTO "claims_historicalstatement" VALUES(9,'2026-12-02 08:20:32.435417','2026-12-02 08:20:32.435454','','denies',NULL,'day','high','',9,'2026-12-02 08:20:32.435950','reference article: rferl-2020-07-libya-syrian-fighters.txt','+',5,4,NULL,4);
INSERT INTO "claims_historicalstatement" VALUES(10,'2026-12-02 08:20:32.504360','2026-12-02 08:20:32.504398','','asserts',NULL,'day','high','',10,'2026-12-02 08:20:32.504975','reference article: rferl-2020-07-libya-syrian-fighters.txt','+',12,7,NULL,NULL);
INSERT INTO "claims_historicalstatement" VALUES(11,'2026-12-02 08:20:32.541490','2026-12-02 08:20:32.541529','','asserts',NULL,'day','high','',11,'2026-12-02 08:20:32.542072','reference article: rferl-2020-07-libya-syrian-fighters.txt','+',13,7,NULL,NULL);
INSERT INTO "claims_historicalstatement" VALUES(12,'2026-12-02 08:20:32.580845','2026-12-02 08:20:32.580886','','asserts',NULL,'day','high','',12,'2026-12-02 08:20:32.581480','reference article: rferl-2020-07-libya-syrian-fighters.txt','+',14,7,NULL,NULL);
CREATE TABLE "claims_historicaltopic" ("id" bigint NOT NULL, "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL, "name" varchar(100) NOT NULL, "slug" varchar(100) NOT NULL, "history_id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "history_date" datetime NOT NULL, "history_change_reason" text NULL, "history_type" varchar(1) NOT NULL, "history_user_id" integer NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED);
INSERT INTO "claims_historicaltopic" VALUES(1,'2026-12-02 08:20:31.934423','2026-12-02 08:20:31.934459','Libya conflict','libya-conflict',1,'2026-12-02 08:20:31.935003','reference article: rferl-2020-07-libya-syrian-fighters.txt','+',NULL);
INSERT INTO "claims_historicaltopic" VALUES(2,'2026-12-02 08:20:31.939583','2026-12-02 08:20:31.939619','Foreign fighters','foreign-fighters',2,'2026-12-02 08:20:31.939926','reference article: rferl-2020-07-libya-syrian-fighters.txt','+',NULL);
INSERT INTO "claims_historicaltopic" VALUES(3,'2026-12-02 08:20:32.454654','2026-12-02 08:20:32.454687','Arms embargo','arms-embargo',3,'2026-12-02 08:20:32.455052','reference article: rferl-2020-07-libya-syrian-fighters.txt','+',NULL);
CREATE TABLE "claims_ratinglabel" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL, "label" varchar(100) NOT NULL, "value" decimal NULL, "description" text NOT NULL, "colour" varchar(7) NOT NULL, "order" smallint unsigned NOT NULL CHECK ("order" >= 0), "scale_id" bigint NOT NULL REFERENCES "claims_ratingscale" ("id") DEFERRABLE INITIALLY DEFERRED, CONSTRAINT "claims_ratinglabel_unique_scale_label" UNIQUE ("scale_id", "label"), CONSTRAINT "claims_ratinglabel_unique_scale_order" UNIQUE ("scale_id", "order"), CONSTRAINT "claims_ratinglabel_colour_format" CHECK ("colour" REGEXP '^#[0-9a-fA-F]{6}$'));
INSERT INTO "claims_ratinglabel" VALUES(1,'2026-12-02 08:20:29.925050','2026-12-02 08:20:29.925073','True',5,'The claim is accurate and nothing significant is missing.','#1e8449',1,1);
INSERT INTO "claims_ratinglabel" VALUES(2,'2026-12-02 08:20:29.926639','2026-12-02 08:20:29.926660','Mostly true',4,'Accurate, but needs clarification or extra context.','#52be80',2,1);
INSERT INTO "claims_ratinglabel" VALUES(3,'2026-12-02 08:20:29.927726','2026-12-02 08:20:29.927744','Half true',3,'Partly accurate, or accurate but misleading.','#f4d03f',3,1);
INSERT INTO "claims_ratinglabel" VALUES(4,'2026-12-02 08:20:29.928791','2026-12-02 08:20:29.928809','Mostly false',2,'Contains an element of truth but ignores facts.','#e67e22',4,1);
INSERT INTO "claims_ratinglabel" VALUES(5,'2026-12-02 08:20:29.929825','2026-12-02 08:20:29.929843','False',1,'The claim is not accurate.','#c0392b',5,1);
INSERT INTO "claims_ratinglabel" VALUES(6,'2026-12-02 08:20:29.930832','2026-12-02 08:20:29.930850','Unproven',NULL,'The available evidence neither proves nor disproves it.','#7f8c8d',6,1);
INSERT INTO "claims_ratinglabel" VALUES(7,'2026-12-02 08:20:29.932740','2026-12-02 08:20:29.932757','Accurate',3,'The claim is accurate.','#1e8449',1,2);
INSERT INTO "claims_ratinglabel" VALUES(8,'2026-12-02 08:20:29.933725','2026-12-02 08:20:29.933741','Misleading',2,'Accurate in part, or missing context that changes it.','#f39c12',2,2);
INSERT INTO "claims_ratinglabel" VALUES(9,'2026-12-02 08:20:29.934748','2026-12-02 08:20:29.934765','False',1,'The claim is not accurate.','#c0392b',3,2);
CREATE TABLE "claims_ratingscale" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL, "name" varchar(100) NOT NULL UNIQUE, "slug" varchar(100) NOT NULL UNIQUE, "description" text NOT NULL, "best_value" decimal NOT NULL, "worst_value" decimal NOT NULL, "is_default" bool NOT NULL, CONSTRAINT "claims_ratingscale_best_differs_from_worst" CHECK (NOT ("best_value" = ("worst_value"))));
INSERT INTO "claims_ratingscale" VALUES(1,'2026-12-02 08:20:29.922941','2026-12-02 08:20:29.922971','Six-step truth scale','six-step','From True to False, with Unproven for claims the evidence cannot settle.',5,1,1);
INSERT INTO "claims_ratingscale" VALUES(2,'2026-12-02 08:20:29.931745','2026-12-02 08:20:29.931761','Three-step scale','three-step','A short scale for quick checks.',3,1,0);
CREATE TABLE "claims_review" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL, "version" smallint unsigned NOT NULL CHECK ("version" >= 0), "state" varchar(20) NOT NULL, "due_on" date NULL, "priority" varchar(8) NOT NULL, "explanation" varchar(500) NOT NULL, "write_up" text NOT NULL, "origin_unavailable_reason" text NOT NULL, "published_at" datetime NULL, "correction_note" text NOT NULL, "retraction_reason" text NOT NULL, "approver_id" integer NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED, "assignee_id" integer NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED, "claim_id" bigint NOT NULL REFERENCES "claims_claim" ("id") DEFERRABLE INITIALLY DEFERRED, "published_by_id" integer NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED, "rating_id" bigint NULL REFERENCES "claims_ratinglabel" ("id") DEFERRABLE INITIALLY DEFERRED, "scale_id" bigint NOT NULL REFERENCES "claims_ratingscale" ("id") DEFERRABLE INITIALLY DEFERRED, "verdict_author_id" integer NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED, "previous_id" bigint NULL UNIQUE REFERENCES "claims_review" ("id") DEFERRABLE INITIALLY DEFERRED, CONSTRAINT "claims_review_state_valid" CHECK ("state" IN ('draft', 'submitted', 'in_review', 'changes_requested', 'approved', 'published', 'corrected', 'retracted')), CONSTRAINT "claims_review_priority_valid" CHECK ("priority" IN ('low', 'normal', 'high', 'urgent')), CONSTRAINT "claims_review_unique_claim_version" UNIQUE ("claim_id", "version"), CONSTRAINT "claims_review_four_eyes" CHECK (("approver_id" IS NULL OR "verdict_author_id" IS NULL OR NOT ("approver_id" = ("verdict_author_id") AND "approver_id" IS NOT NULL AND "verdict_author_id" IS NOT NULL))));
INSERT INTO "claims_review" VALUES(1,'2026-12-02 08:20:36.643474','2026-12-02 08:20:36.782116',1,'published',NULL,'high','The report says so.','Line one.
Line two.','The Pentagon report was never made public.','2026-12-02 08:20:36.769252','','',4,3,1,4,2,1,3,NULL);
INSERT INTO "claims_review" VALUES(2,'2026-12-02 08:20:36.808907','2026-12-02 08:20:36.847702',2,'in_review',NULL,'high','The report says so; context added.','Line one.
Line two.','The Pentagon report was never made public.',NULL,'The figure needs context.','',NULL,4,1,NULL,2,1,3,1);
INSERT INTO "claims_review" VALUES(3,'2026-12-02 08:20:36.878818','2026-12-02 08:20:37.060980',1,'retracted',NULL,'normal','Cannot be settled.','','Not public.','2026-12-02 08:20:37.024785','','The source was withdrawn.',4,3,2,4,6,1,3,NULL);
CREATE TABLE "claims_review_evidence" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "review_id" bigint NOT NULL REFERENCES "claims_review" ("id") DEFERRABLE INITIALLY DEFERRED, "citation_id" bigint NOT NULL REFERENCES "claims_citation" ("id") DEFERRABLE INITIALLY DEFERRED);
INSERT INTO "claims_review_evidence" VALUES(1,1,1);
INSERT INTO "claims_review_evidence" VALUES(2,1,2);
INSERT INTO "claims_review_evidence" VALUES(3,1,3);
INSERT INTO "claims_review_evidence" VALUES(4,2,1);
INSERT INTO "claims_review_evidence" VALUES(5,2,2);
INSERT INTO "claims_review_evidence" VALUES(6,2,3);
CREATE TABLE "claims_reviewcomment" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL, "text" text NOT NULL, "author_id" integer NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED, "review_id" bigint NOT NULL REFERENCES "claims_review" ("id") DEFERRABLE INITIALLY DEFERRED);
INSERT INTO "claims_reviewcomment" VALUES(1,'2026-12-02 08:20:36.732511','2026-12-02 08:20:36.732540','Checked the AP story.',3,1);
CREATE TABLE "claims_reviewevent" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "at" datetime NOT NULL, "action" varchar(32) NOT NULL, "from_state" varchar(20) NOT NULL, "to_state" varchar(20) NOT NULL, "comment" text NOT NULL, "actor_id" integer NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED, "review_id" bigint NOT NULL REFERENCES "claims_review" ("id") DEFERRABLE INITIALLY DEFERRED, CONSTRAINT "claims_reviewevent_from_state_valid" CHECK ("from_state" IN ('draft', 'submitted', 'in_review', 'changes_requested', 'approved', 'published', 'corrected', 'retracted')), CONSTRAINT "claims_reviewevent_to_state_valid" CHECK ("to_state" IN ('draft', 'submitted', 'in_review', 'changes_requested', 'approved', 'published', 'corrected', 'retracted')));
INSERT INTO "claims_reviewevent" VALUES(1,'2026-12-02 08:20:36.648825','open','draft','draft','',2,1);
INSERT INTO "claims_reviewevent" VALUES(2,'2026-12-02 08:20:36.671677','submit','draft','submitted','Ready.',2,1);
INSERT INTO "claims_reviewevent" VALUES(3,'2026-12-02 08:20:36.696784','start','submitted','in_review','',3,1);
INSERT INTO "claims_reviewevent" VALUES(4,'2026-12-02 08:20:36.760680','approve','in_review','approved','',4,1);
INSERT INTO "claims_reviewevent" VALUES(5,'2026-12-02 08:20:36.787135','publish','approved','published','',4,1);
INSERT INTO "claims_reviewevent" VALUES(6,'2026-12-02 08:20:36.821467','correct','published','published','The figure needs context.',4,1);
INSERT INTO "claims_reviewevent" VALUES(7,'2026-12-02 08:20:36.824988','open','in_review','in_review','The figure needs context.',4,2);
INSERT INTO "claims_reviewevent" VALUES(8,'2026-12-02 08:20:36.884383','open','draft','draft','',2,3);
INSERT INTO "claims_reviewevent" VALUES(9,'2026-12-02 08:20:36.915833','submit','draft','submitted','',2,3);
INSERT INTO "claims_reviewevent" VALUES(10,'2026-12-02 08:20:36.948090','start','submitted','in_review','',3,3);
INSERT INTO "claims_reviewevent" VALUES(11,'2026-12-02 08:20:37.016598','approve','in_review','approved','',4,3);
INSERT INTO "claims_reviewevent" VALUES(12,'2026-12-02 08:20:37.041120','publish','approved','published','',4,3);
INSERT INTO "claims_reviewevent" VALUES(13,'2026-12-02 08:20:37.064961','retract','published','retracted','The source was withdrawn.',5,3);
CREATE TABLE "claims_statement" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL, "speaker_label" varchar(255) NOT NULL, "stance" varchar(16) NOT NULL, "stated_on" date NULL, "stated_precision" varchar(5) NOT NULL, "confidence" varchar(8) NOT NULL, "note" text NOT NULL, "actor_id" bigint NULL REFERENCES "sources_actor" ("id") DEFERRABLE INITIALLY DEFERRED, "claim_id" bigint NOT NULL REFERENCES "claims_claim" ("id") DEFERRABLE INITIALLY DEFERRED, "responds_to_id" bigint NULL REFERENCES "claims_statement" ("id") DEFERRABLE INITIALLY DEFERRED, CONSTRAINT "claims_statement_stance_valid" CHECK ("stance" IN ('asserts', 'denies', 'disputes', 'confirms', 'retracts', 'declines')), CONSTRAINT "claims_statement_stated_precision_valid" CHECK ("stated_precision" IN ('day', 'month', 'year')), CONSTRAINT "claims_statement_confidence_valid" CHECK ("confidence" IN ('high', 'medium', 'low')), CONSTRAINT "claims_statement_has_speaker" CHECK (("actor_id" IS NOT NULL OR NOT ("speaker_label" = ''))), CONSTRAINT "claims_statement_not_responding_to_itself" CHECK (NOT ("responds_to_id" = ("id") AND "responds_to_id" IS NOT NULL)));
INSERT INTO "claims_statement" VALUES(1,'2026-12-02 08:20:31.988329','2026-12-02 08:20:31.988366','','asserts',NULL,'day','high','',2,1,NULL);
INSERT INTO "claims_statement" VALUES(2,'2026-12-02 08:20:32.078138','2026-12-02 08:20:32.078176','','asserts',NULL,'day','high','',2,2,NULL);
INSERT INTO "claims_statement" VALUES(3,'2026-12-02 08:20:32.157177','2026-12-02 08:20:32.157221','','asserts',NULL,'day','high','',2,3,NULL);
INSERT INTO "claims_statement" VALUES(4,'2026-12-02 08:20:32.237901','2026-12-02 08:20:32.237939','','asserts',NULL,'day','high','',1,4,NULL);
INSERT INTO "claims_statement" VALUES(5,'2026-12-02 08:20:32.296760','2026-12-02 08:20:32.296798','','asserts',NULL,'day','high','',4,5,NULL);
INSERT INTO "claims_statement" VALUES(6,'2026-12-02 08:20:32.357444','2026-12-02 08:20:32.357485','','asserts',NULL,'day','high','',11,6,NULL);
INSERT INTO "claims_statement" VALUES(7,'2026-12-02 08:20:32.383649','2026-12-02 08:20:32.383689','Western officials','asserts',NULL,'day','high','',NULL,6,NULL);
INSERT INTO "claims_statement" VALUES(8,'2026-12-02 08:20:32.409975','2026-12-02 08:20:32.410009','','denies',NULL,'day','high','',5,5,5);
INSERT INTO "claims_statement" VALUES(9,'2026-12-02 08:20:32.435417','2026-12-02 08:20:32.435454','','denies',NULL,'day','high','',5,4,4);
INSERT INTO "claims_statement" VALUES(10,'2026-12-02 08:20:32.504360','2026-12-02 08:20:32.504398','','asserts',NULL,'day','high','',12,7,NULL);
INSERT INTO "claims_statement" VALUES(11,'2026-12-02 08:20:32.541490','2026-12-02 08:20:32.541529','','asserts',NULL,'day','high','',13,7,NULL);
INSERT INTO "claims_statement" VALUES(12,'2026-12-02 08:20:32.580845','2026-12-02 08:20:32.580886','','asserts',NULL,'day','high','',14,7,NULL);
CREATE TABLE "claims_topic" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL, "name" varchar(100) NOT NULL UNIQUE, "slug" varchar(100) NOT NULL UNIQUE);
INSERT INTO "claims_topic" VALUES(1,'2026-12-02 08:20:31.934423','2026-12-02 08:20:31.934459','Libya conflict','libya-conflict');
INSERT INTO "claims_topic" VALUES(2,'2026-12-02 08:20:31.939583','2026-12-02 08:20:31.939619','Foreign fighters','foreign-fighters');
INSERT INTO "claims_topic" VALUES(3,'2026-12-02 08:20:32.454654','2026-12-02 08:20:32.454687','Arms embargo','arms-embargo');
CREATE TABLE "core_apitoken" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(100) NOT NULL, "prefix" varchar(12) NOT NULL, "key_hash" varchar(64) NOT NULL UNIQUE, "created_at" datetime NOT NULL, "expires_at" datetime NULL, "last_used_at" datetime NULL, "revoked_at" datetime NULL, "user_id" integer NOT NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED);
INSERT INTO "core_apitoken" VALUES(1,'newsroom CMS','ct_gCOimQ','19612f29a4a24489f5914be3b9fabdfa83334c137678cb077af182d4e9dff1b7','2026-12-02 08:20:37.074777',NULL,NULL,NULL,3);
CREATE TABLE "django_admin_log" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "object_id" text NULL, "object_repr" varchar(200) NOT NULL, "action_flag" smallint unsigned NOT NULL CHECK ("action_flag" >= 0), "change_message" text NOT NULL, "content_type_id" integer NULL REFERENCES "django_content_type" ("id") DEFERRABLE INITIALLY DEFERRED, "user_id" integer NOT NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED, "action_time" datetime NOT NULL);
INSERT INTO "django_admin_log" VALUES(1,'1','Review v1 of “Turkey sent more than 3,500 Syrian fighters to Libya during the first three months of 2020.” (Draft)',1,'Added.',22,1,'2026-12-02 08:20:37.078842');
CREATE TABLE "django_content_type" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "app_label" varchar(100) NOT NULL, "model" varchar(100) NOT NULL);
INSERT INTO "django_content_type" VALUES(1,'admin','logentry');
INSERT INTO "django_content_type" VALUES(2,'auth','group');
INSERT INTO "django_content_type" VALUES(3,'auth','permission');
INSERT INTO "django_content_type" VALUES(4,'auth','user');
INSERT INTO "django_content_type" VALUES(5,'claims','citation');
INSERT INTO "django_content_type" VALUES(6,'claims','claim');
INSERT INTO "django_content_type" VALUES(7,'claims','claimrelation');
INSERT INTO "django_content_type" VALUES(8,'claims','historicalcitation');
INSERT INTO "django_content_type" VALUES(9,'claims','historicalclaim');
INSERT INTO "django_content_type" VALUES(10,'claims','historicalclaim_about');
INSERT INTO "django_content_type" VALUES(11,'claims','historicalclaim_topics');
INSERT INTO "django_content_type" VALUES(12,'claims','historicalclaimrelation');
INSERT INTO "django_content_type" VALUES(13,'claims','historicalratinglabel');
INSERT INTO "django_content_type" VALUES(14,'claims','historicalratingscale');
INSERT INTO "django_content_type" VALUES(15,'claims','historicalreview');
INSERT INTO "django_content_type" VALUES(16,'claims','historicalreview_evidence');
INSERT INTO "django_content_type" VALUES(17,'claims','historicalreviewcomment');
INSERT INTO "django_content_type" VALUES(18,'claims','historicalstatement');
INSERT INTO "django_content_type" VALUES(19,'claims','historicaltopic');
INSERT INTO "django_content_type" VALUES(20,'claims','ratinglabel');
INSERT INTO "django_content_type" VALUES(21,'claims','ratingscale');
INSERT INTO "django_content_type" VALUES(22,'claims','review');
INSERT INTO "django_content_type" VALUES(23,'claims','reviewcomment');
INSERT INTO "django_content_type" VALUES(24,'claims','reviewevent');
INSERT INTO "django_content_type" VALUES(25,'claims','statement');
INSERT INTO "django_content_type" VALUES(26,'claims','topic');
INSERT INTO "django_content_type" VALUES(27,'contenttypes','contenttype');
INSERT INTO "django_content_type" VALUES(28,'core','apitoken');
INSERT INTO "django_content_type" VALUES(29,'sources','actor');
INSERT INTO "django_content_type" VALUES(30,'sources','alias');
INSERT INTO "django_content_type" VALUES(31,'sources','historicalactor');
INSERT INTO "django_content_type" VALUES(32,'sources','historicalalias');
INSERT INTO "django_content_type" VALUES(33,'sources','historicalsnapshot');
INSERT INTO "django_content_type" VALUES(34,'sources','historicalsource');
INSERT INTO "django_content_type" VALUES(35,'sources','historicalsource_authors');
INSERT INTO "django_content_type" VALUES(36,'sources','snapshot');
INSERT INTO "django_content_type" VALUES(37,'sources','source');
INSERT INTO "django_content_type" VALUES(38,'sessions','session');
CREATE TABLE "django_migrations" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "app" varchar(255) NOT NULL, "name" varchar(255) NOT NULL, "applied" datetime NOT NULL);
INSERT INTO "django_migrations" VALUES(1,'contenttypes','0001_initial','2026-12-02 08:20:26.951487');
INSERT INTO "django_migrations" VALUES(2,'auth','0001_initial','2026-12-02 08:20:26.970195');
INSERT INTO "django_migrations" VALUES(3,'admin','0001_initial','2026-12-02 08:20:26.981392');
INSERT INTO "django_migrations" VALUES(4,'admin','0002_logentry_remove_auto_add','2026-12-02 08:20:26.993558');
INSERT INTO "django_migrations" VALUES(5,'admin','0003_logentry_add_action_flag_choices','2026-12-02 08:20:27.003175');
INSERT INTO "django_migrations" VALUES(6,'contenttypes','0002_remove_content_type_name','2026-12-02 08:20:27.025015');
INSERT INTO "django_migrations" VALUES(7,'auth','0002_alter_permission_name_max_length','2026-12-02 08:20:27.038199');
INSERT INTO "django_migrations" VALUES(8,'auth','0003_alter_user_email_max_length','2026-12-02 08:20:27.051542');
INSERT INTO "django_migrations" VALUES(9,'auth','0004_alter_user_username_opts','2026-12-02 08:20:27.061292');
INSERT INTO "django_migrations" VALUES(10,'auth','0005_alter_user_last_login_null','2026-12-02 08:20:27.074737');
INSERT INTO "django_migrations" VALUES(11,'auth','0006_require_contenttypes_0002','2026-12-02 08:20:27.077580');
INSERT INTO "django_migrations" VALUES(12,'auth','0007_alter_validators_add_error_messages','2026-12-02 08:20:27.089243');
INSERT INTO "django_migrations" VALUES(13,'auth','0008_alter_user_username_max_length','2026-12-02 08:20:27.102876');
INSERT INTO "django_migrations" VALUES(14,'auth','0009_alter_user_last_name_max_length','2026-12-02 08:20:27.124156');
INSERT INTO "django_migrations" VALUES(15,'auth','0010_alter_group_name_max_length','2026-12-02 08:20:27.136812');
INSERT INTO "django_migrations" VALUES(16,'auth','0011_update_proxy_permissions','2026-12-02 08:20:27.146450');
INSERT INTO "django_migrations" VALUES(17,'auth','0012_alter_user_first_name_max_length','2026-12-02 08:20:27.157980');
INSERT INTO "django_migrations" VALUES(18,'sources','0001_initial','2026-12-02 08:20:27.466711');
INSERT INTO "django_migrations" VALUES(19,'claims','0001_initial','2026-12-02 08:20:28.600135');
INSERT INTO "django_migrations" VALUES(20,'claims','0002_search_indexes','2026-12-02 08:20:28.636009');
INSERT INTO "django_migrations" VALUES(21,'claims','0003_claim_filter_indexes','2026-12-02 08:20:28.706076');
INSERT INTO "django_migrations" VALUES(22,'claims','0004_review','2026-12-02 08:20:29.861390');
INSERT INTO "django_migrations" VALUES(23,'claims','0005_rating_scales','2026-12-02 08:20:29.935180');
INSERT INTO "django_migrations" VALUES(24,'core','0001_api_tokens','2026-12-02 08:20:29.992074');
INSERT INTO "django_migrations" VALUES(25,'core','0002_roles','2026-12-02 08:20:30.079570');
INSERT INTO "django_migrations" VALUES(26,'core','0003_review_roles','2026-12-02 08:20:30.409269');
INSERT INTO "django_migrations" VALUES(27,'sessions','0001_initial','2026-12-02 08:20:30.417033');
INSERT INTO "django_migrations" VALUES(28,'sources','0002_snapshot_sha256_index','2026-12-02 08:20:30.431172');
CREATE TABLE "django_session" ("session_key" varchar(40) NOT NULL PRIMARY KEY, "session_data" text NOT NULL, "expire_date" datetime NOT NULL);
CREATE TABLE "sources_actor" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL, "kind" varchar(32) NOT NULL, "name" varchar(255) NOT NULL, "name_folded" varchar(255) NOT NULL, "description" text NOT NULL, "country" varchar(2) NOT NULL, "wikidata_id" varchar(20) NOT NULL, "leader_id" bigint NULL REFERENCES "sources_actor" ("id") DEFERRABLE INITIALLY DEFERRED, "parent_id" bigint NULL REFERENCES "sources_actor" ("id") DEFERRABLE INITIALLY DEFERRED, CONSTRAINT "sources_actor_kind_valid" CHECK ("kind" IN ('person', 'government', 'government_body', 'military', 'armed_group', 'private_military_company', 'company', 'news_outlet', 'news_agency', 'ngo', 'intergovernmental', 'political_party', 'other')), CONSTRAINT "sources_actor_wikidata_id_format" CHECK (("wikidata_id" = '' OR "wikidata_id" REGEXP '^Q[1-9][0-9]*$')), CONSTRAINT "sources_actor_country_format" CHECK (("country" = '' OR "country" REGEXP '^[A-Z]{2}$')), CONSTRAINT "sources_actor_not_own_parent" CHECK (NOT ("parent_id" = ("id") AND "parent_id" IS NOT NULL)));
INSERT INTO "sources_actor" VALUES(1,'2026-12-02 08:20:31.636412','2026-12-02 08:20:31.636481','government','United States government','united states government','','','',NULL,NULL);
INSERT INTO "sources_actor" VALUES(2,'2026-12-02 08:20:31.659981','2026-12-02 08:20:31.660017','government_body','U.S. Department of Defense','u.s. department of defense','','','',NULL,1);
INSERT INTO "sources_actor" VALUES(3,'2026-12-02 08:20:31.689378','2026-12-02 08:20:31.689422','news_agency','Associated Press','associated press','','','',NULL,NULL);
INSERT INTO "sources_actor" VALUES(4,'2026-12-02 08:20:31.708055','2026-12-02 08:20:31.708097','news_outlet','Radio Free Europe/Radio Liberty','radio free europe/radio liberty','','','',NULL,NULL);
INSERT INTO "sources_actor" VALUES(5,'2026-12-02 08:20:31.728535','2026-12-02 08:20:31.728578','government','Government of Russia','government of russia','','','',NULL,NULL);
INSERT INTO "sources_actor" VALUES(6,'2026-12-02 08:20:31.762544','2026-12-02 08:20:31.762588','government','Government of Turkey','government of turkey','','','',NULL,NULL);
INSERT INTO "sources_actor" VALUES(7,'2026-12-02 08:20:31.787873','2026-12-02 08:20:31.787918','private_military_company','Wagner Group','wagner group','','','',NULL,NULL);
INSERT INTO "sources_actor" VALUES(8,'2026-12-02 08:20:31.808671','2026-12-02 08:20:31.808722','government','Government of National Accord','government of national accord','','','',NULL,NULL);
INSERT INTO "sources_actor" VALUES(9,'2026-12-02 08:20:31.834764','2026-12-02 08:20:31.834800','person','Khalifa Haftar','khalifa haftar','','','',NULL,NULL);
INSERT INTO "sources_actor" VALUES(10,'2026-12-02 08:20:31.846775','2026-12-02 08:20:31.846811','armed_group','Libyan National Army','libyan national army','','','',9,NULL);
INSERT INTO "sources_actor" VALUES(11,'2026-12-02 08:20:31.869984','2026-12-02 08:20:31.870025','intergovernmental','United Nations','united nations','','','',NULL,NULL);
INSERT INTO "sources_actor" VALUES(12,'2026-12-02 08:20:32.492377','2026-12-02 08:20:32.492421','person','Angela Merkel','angela merkel','','','',NULL,NULL);
INSERT INTO "sources_actor" VALUES(13,'2026-12-02 08:20:32.530315','2026-12-02 08:20:32.530351','person','Emmanuel Macron','emmanuel macron','','','',NULL,NULL);
INSERT INTO "sources_actor" VALUES(14,'2026-12-02 08:20:32.568228','2026-12-02 08:20:32.568293','person','Giuseppe Conte','giuseppe conte','','','',NULL,NULL);
CREATE TABLE "sources_alias" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL, "name" varchar(255) NOT NULL, "name_folded" varchar(255) NOT NULL, "actor_id" bigint NOT NULL REFERENCES "sources_actor" ("id") DEFERRABLE INITIALLY DEFERRED, CONSTRAINT "sources_alias_unique_actor_name_folded" UNIQUE ("actor_id", "name_folded"));
INSERT INTO "sources_alias" VALUES(1,'2026-12-02 08:20:31.647203','2026-12-02 08:20:31.647245','The United States','united states',1);
INSERT INTO "sources_alias" VALUES(2,'2026-12-02 08:20:31.666765','2026-12-02 08:20:31.666797','Pentagon','pentagon',2);
INSERT INTO "sources_alias" VALUES(3,'2026-12-02 08:20:31.672636','2026-12-02 08:20:31.672666','Defense Department','defense department',2);
INSERT INTO "sources_alias" VALUES(4,'2026-12-02 08:20:31.678152','2026-12-02 08:20:31.678184','U.S. military','u.s. military',2);
INSERT INTO "sources_alias" VALUES(5,'2026-12-02 08:20:31.695971','2026-12-02 08:20:31.696000','AP','ap',3);
INSERT INTO "sources_alias" VALUES(6,'2026-12-02 08:20:31.714948','2026-12-02 08:20:31.714982','RFE/RL','rfe/rl',4);
INSERT INTO "sources_alias" VALUES(7,'2026-12-02 08:20:31.736139','2026-12-02 08:20:31.736178','Moscow','moscow',5);
INSERT INTO "sources_alias" VALUES(8,'2026-12-02 08:20:31.743013','2026-12-02 08:20:31.743049','Kremlin','kremlin',5);
INSERT INTO "sources_alias" VALUES(9,'2026-12-02 08:20:31.749776','2026-12-02 08:20:31.749814','the Russian state','russian state',5);
INSERT INTO "sources_alias" VALUES(10,'2026-12-02 08:20:31.769475','2026-12-02 08:20:31.769510','Turkey','turkey',6);
INSERT INTO "sources_alias" VALUES(11,'2026-12-02 08:20:31.776046','2026-12-02 08:20:31.776082','Ankara','ankara',6);
INSERT INTO "sources_alias" VALUES(12,'2026-12-02 08:20:31.795088','2026-12-02 08:20:31.795123','Vagner Group','vagner group',7);
INSERT INTO "sources_alias" VALUES(13,'2026-12-02 08:20:31.815756','2026-12-02 08:20:31.815795','GNA','gna',8);
INSERT INTO "sources_alias" VALUES(14,'2026-12-02 08:20:31.822324','2026-12-02 08:20:31.822359','Tripoli-based government','tripoli-based government',8);
INSERT INTO "sources_alias" VALUES(15,'2026-12-02 08:20:31.853099','2026-12-02 08:20:31.853140','LNA','lna',10);
INSERT INTO "sources_alias" VALUES(16,'2026-12-02 08:20:31.858885','2026-12-02 08:20:31.858921','Haftar''s forces','haftar''s forces',10);
INSERT INTO "sources_alias" VALUES(17,'2026-12-02 08:20:31.876336','2026-12-02 08:20:31.876374','UN','un',11);
CREATE TABLE "sources_historicalactor" ("id" bigint NOT NULL, "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL, "kind" varchar(32) NOT NULL, "name" varchar(255) NOT NULL, "name_folded" varchar(255) NOT NULL, "description" text NOT NULL, "country" varchar(2) NOT NULL, "wikidata_id" varchar(20) NOT NULL, "history_id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "history_date" datetime NOT NULL, "history_change_reason" text NULL, "history_type" varchar(1) NOT NULL, "history_user_id" integer NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED, "leader_id" bigint NULL, "parent_id" bigint NULL);
INSERT INTO "sources_historicalactor" VALUES(1,'2026-12-02 08:20:31.636412','2026-12-02 08:20:31.636481','government','United States government','united states government','','','',1,'2026-12-02 08:20:31.637560','reference article: rferl-2020-07-libya-syrian-fighters.txt','+',NULL,NULL,NULL);
INSERT INTO "sources_historicalactor" VALUES(2,'2026-12-02 08:20:31.659981','2026-12-02 08:20:31.660017','government_body','U.S. Department of Defense','u.s. department of defense','','','',2,'2026-12-02 08:20:31.660441','reference article: rferl-2020-07-libya-syrian-fighters.txt','+',NULL,NULL,1);
INSERT INTO "sources_historicalactor" VALUES(3,'2026-12-02 08:20:31.689378','2026-12-02 08:20:31.689422','news_agency','Associated Press','associated press','','','',3,'2026-12-02 08:20:31.689913','reference article: rferl-2020-07-libya-syrian-fighters.txt','+',NULL,NULL,NULL);
INSERT INTO "sources_historicalactor" VALUES(4,'2026-12-02 08:20:31.708055','2026-12-02 08:20:31.708097','news_outlet','Radio Free Europe/Radio Liberty','radio free europe/radio liberty','','','',4,'2026-12-02 08:20:31.708647','reference article: rferl-2020-07-libya-syrian-fighters.txt','+',NULL,NULL,NULL);
INSERT INTO "sources_historicalactor" VALUES(5,'2026-12-02 08:20:31.728535','2026-12-02 08:20:31.728578','government','Government of Russia','government of russia','','','',5,'2026-12-02 08:20:31.729105','reference article: rferl-2020-07-libya-syrian-fighters.txt','+',NULL,NULL,NULL);
INSERT INTO "sources_historicalactor" VALUES(6,'2026-12-02 08:20:31.762544','2026-12-02 08:20:31.762588','government','Government of Turkey','government of turkey','','','',6,'2026-12-02 08:20:31.763072','reference article: rferl-2020-07-libya-syrian-fighters.txt','+',NULL,NULL,NULL);
INSERT INTO "sources_historicalactor" VALUES(7,'2026-12-02 08:20:31.787873','2026-12-02 08:20:31.787918','private_military_company','Wagner Group','wagner group','','','',7,'2026-12-02 08:20:31.788469','reference article: rferl-2020-07-libya-syrian-fighters.txt','+',NULL,NULL,NULL);
INSERT INTO "sources_historicalactor" VALUES(8,'2026-12-02 08:20:31.808671','2026-12-02 08:20:31.808722','government','Government of National Accord','government of national accord','','','',8,'2026-12-02 08:20:31.809240','reference article: rferl-2020-07-libya-syrian-fighters.txt','+',NULL,NULL,NULL);
INSERT INTO "sources_historicalactor" VALUES(9,'2026-12-02 08:20:31.834764','2026-12-02 08:20:31.834800','person','Khalifa Haftar','khalifa haftar','','','',9,'2026-12-02 08:20:31.835256','reference article: rferl-2020-07-libya-syrian-fighters.txt','+',NULL,NULL,NULL);
INSERT INTO "sources_historicalactor" VALUES(10,'2026-12-02 08:20:31.846775','2026-12-02 08:20:31.846811','armed_group','Libyan National Army','libyan national army','','','',10,'2026-12-02 08:20:31.847243','reference article: rferl-2020-07-libya-syrian-fighters.txt','+',NULL,9,NULL);
INSERT INTO "sources_historicalactor" VALUES(11,'2026-12-02 08:20:31.869984','2026-12-02 08:20:31.870025','intergovernmental','United Nations','united nations','','','',11,'2026-12-02 08:20:31.870563','reference article: rferl-2020-07-libya-syrian-fighters.txt','+',NULL,NULL,NULL);
INSERT INTO "sources_historicalactor" VALUES(12,'2026-12-02 08:20:32.492377','2026-12-02 08:20:32.492421','person','Angela Merkel','angela merkel','','','',12,'2026-12-02 08:20:32.493078','reference article: rferl-2020-07-libya-syrian-fighters.txt','+',NULL,NULL,NULL);
INSERT INTO "sources_historicalactor" VALUES(13,'2026-12-02 08:20:32.530315','2026-12-02 08:20:32.530351','person','Emmanuel Macron','emmanuel macron','','','',13,'2026-12-02 08:20:32.530790','reference article: rferl-2020-07-libya-syrian-fighters.txt','+',NULL,NULL,NULL);
INSERT INTO "sources_historicalactor" VALUES(14,'2026-12-02 08:20:32.568228','2026-12-02 08:20:32.568293','person','Giuseppe Conte','giuseppe conte','','','',14,'2026-12-02 08:20:32.568785','reference article: rferl-2020-07-libya-syrian-fighters.txt','+',NULL,NULL,NULL);
CREATE TABLE "sources_historicalalias" ("id" bigint NOT NULL, "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL, "name" varchar(255) NOT NULL, "name_folded" varchar(255) NOT NULL, "history_id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "history_date" datetime NOT NULL, "history_change_reason" text NULL, "history_type" varchar(1) NOT NULL, "actor_id" bigint NULL, "history_user_id" integer NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED);
INSERT INTO "sources_historicalalias" VALUES(1,'2026-12-02 08:20:31.647203','2026-12-02 08:20:31.647245','The United States','united states',1,'2026-12-02 08:20:31.647890','reference article: rferl-2020-07-libya-syrian-fighters.txt','+',1,NULL);
INSERT INTO "sources_historicalalias" VALUES(2,'2026-12-02 08:20:31.666765','2026-12-02 08:20:31.666797','Pentagon','pentagon',2,'2026-12-02 08:20:31.667110','reference article: rferl-2020-07-libya-syrian-fighters.txt','+',2,NULL);
INSERT INTO "sources_historicalalias" VALUES(3,'2026-12-02 08:20:31.672636','2026-12-02 08:20:31.672666','Defense Department','defense department',3,'2026-12-02 08:20:31.672981','reference article: rferl-2020-07-libya-syrian-fighters.txt','+',2,NULL);
INSERT INTO "sources_historicalalias" VALUES(4,'2026-12-02 08:20:31.678152','2026-12-02 08:20:31.678184','U.S. military','u.s. military',4,'2026-12-02 08:20:31.678531','reference article: rferl-2020-07-libya-syrian-fighters.txt','+',2,NULL);
INSERT INTO "sources_historicalalias" VALUES(5,'2026-12-02 08:20:31.695971','2026-12-02 08:20:31.696000','AP','ap',5,'2026-12-02 08:20:31.696357','reference article: rferl-2020-07-libya-syrian-fighters.txt','+',3,NULL);
INSERT INTO "sources_historicalalias" VALUES(6,'2026-12-02 08:20:31.714948','2026-12-02 08:20:31.714982','RFE/RL','rfe/rl',6,'2026-12-02 08:20:31.715384','reference article: rferl-2020-07-libya-syrian-fighters.txt','+',4,NULL);
INSERT INTO "sources_historicalalias" VALUES(7,'2026-12-02 08:20:31.736139','2026-12-02 08:20:31.736178','Moscow','moscow',7,'2026-12-02 08:20:31.736613','reference article: rferl-2020-07-libya-syrian-fighters.txt','+',5,NULL);
INSERT INTO "sources_historicalalias" VALUES(8,'2026-12-02 08:20:31.743013','2026-12-02 08:20:31.743049','Kremlin','kremlin',8,'2026-12-02 08:20:31.743483','reference article: rferl-2020-07-libya-syrian-fighters.txt','+',5,NULL);
INSERT INTO "sources_historicalalias" VALUES(9,'2026-12-02 08:20:31.749776','2026-12-02 08:20:31.749814','the Russian state','russian state',9,'2026-12-02 08:20:31.750183','reference article: rferl-2020-07-libya-syrian-fighters.txt','+',5,NULL);
INSERT INTO "sources_historicalalias" VALUES(10,'2026-12-02 08:20:31.769475','2026-12-02 08:20:31.769510','Turkey','turkey',10,'2026-12-02 08:20:31.769876','reference article: rferl-2020-07-libya-syrian-fighters.txt','+',6,NULL);
INSERT INTO "sources_historicalalias" VALUES(11,'2026-12-02 08:20:31.776046','2026-12-02 08:20:31.776082','Ankara','ankara',11,'2026-12-02 08:20:31.776513','reference article: rferl-2020-07-libya-syrian-fighters.txt','+',6,NULL);
INSERT INTO "sources_historicalalias" VALUES(12,'2026-12-02 08:20:31.795088','2026-12-02 08:20:31.795123','Vagner Group','vagner group',12,'2026-12-02 08:20:31.795573','reference article: rferl-2020-07-libya-syrian-fighters.txt','+',7,NULL);
INSERT INTO "sources_historicalalias" VALUES(13,'2026-12-02 08:20:31.815756','2026-12-02 08:20:31.815795','GNA','gna',13,'2026-12-02 08:20:31.816199','reference article: rferl-2020-07-libya-syrian-fighters.txt','+',8,NULL);
INSERT INTO "sources_historicalalias" VALUES(14,'2026-12-02 08:20:31.822324','2026-12-02 08:20:31.822359','Tripoli-based government','tripoli-based government',14,'2026-12-02 08:20:31.822734','reference article: rferl-2020-07-libya-syrian-fighters.txt','+',8,NULL);
INSERT INTO "sources_historicalalias" VALUES(15,'2026-12-02 08:20:31.853099','2026-12-02 08:20:31.853140','LNA','lna',15,'2026-12-02 08:20:31.853573','reference article: rferl-2020-07-libya-syrian-fighters.txt','+',10,NULL);
INSERT INTO "sources_historicalalias" VALUES(16,'2026-12-02 08:20:31.858885','2026-12-02 08:20:31.858921','Haftar''s forces','haftar''s forces',16,'2026-12-02 08:20:31.859260','reference article: rferl-2020-07-libya-syrian-fighters.txt','+',10,NULL);
INSERT INTO "sources_historicalalias" VALUES(17,'2026-12-02 08:20:31.876336','2026-12-02 08:20:31.876374','UN','un',17,'2026-12-02 08:20:31.876739','reference article: rferl-2020-07-libya-syrian-fighters.txt','+',11,NULL);
CREATE TABLE "sources_historicalsnapshot" ("id" bigint NOT NULL, "text" text NOT NULL, "sha256" varchar(64) NOT NULL, "captured_at" datetime NOT NULL, "captured_by" varchar(255) NOT NULL, "captured_from" varchar(2000) NOT NULL, "created_at" datetime NOT NULL, "history_id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "history_date" datetime NOT NULL, "history_change_reason" text NULL, "history_type" varchar(1) NOT NULL, "history_user_id" integer NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED, "source_id" bigint NULL);
INSERT INTO "sources_historicalsnapshot" VALUES(1,'Pentagon Says Turkey Sent 3,500 Syrian Fighters To Back Libyan Government

Russia and Turkey have backed opposing sides in the Libyan conflict. (file photo)

The U.S. military says Turkey sent more than 3,500 Syrian fighters to Libya during the first three months of 2020 to help the North African country’s internationally recognized government in its civil war against a rebel commander.

The Defense Department’s report, seen by the Associated Press on July 17, was the U.S. military’s first to detail the Turkish deployments that helped change the course of the war in Libya.

The country has been torn by civil war since a NATO-backed popular uprising ousted and killed the North African country’s longtime dictator Colonel Muammar Qaddafi in 2011.

The current struggle pits rebel Libyan commander Khalifa Haftar''s self-styled Libyan National Army (LNA) in the east of the country against the internationally recognized Government of National Accord (GNA), based in Tripoli.

Turkey has provided support for the GNA. Qatar and Italy have also backed the Tripoli-based government.

Russia has supported the rebels, mainly through the Kremlin-connected military contractor Vagner Group. France, Egypt, Jordan, and the United Arab Emirates also back Haftar.

SEE ALSO: Interview: Russia And Turkey Kick A ''Wasp''s Nest'' In Libya

Both Russia and Turkey have been criticized by the UN and Western officials, who say their efforts to arm their allies have led to an intensification of the violence.

The United States has accused Moscow of deploying military jets to Libya to provide support for the Russian mercenaries

Moscow has denied the Russian state is responsible for any deployments of the Vagner group and denied sending aircraft to Libya.

The new Pentagon report says Turkey paid and offered citizenship to thousands of mercenaries fighting alongside Tripoli-based militias against Haftar''s forces.

The report said no evidence was found to indicate that the Syrian fighters were affiliated with the Islamic State (IS) extremist group or Al-Qaeda, saying instead that they were “very likely” motivated by financial reasons than by ideology.

A string of Turkish-backed victories by the Tripoli forces has driven Haftar''s troops from the capital’s suburbs and other strongholds since Ankara''s deployment of forces.

The UN has been pressing the sides in the conflict to push forward with peace talks.

On July 18, Germany, France, and Italy warned that they were prepared to apply sanctions on those violating the UN embargo on arms flowing into Libya.

"We are prepared to consider a possible use of sanctions if infringements against the land, sea and air embargo continue," the three heads of government wrote in a joint statement on July 18, without naming a state or entity which could be the target.

"We therefore call on all Libyan parties as well as their international backers to put a stop to combat activities and the acquisition of arms in the entire country," said the statement, drawn up during a summit in Brussels, by German Chancellor Angela Merkel, French President Emmanuel Macron and Italian Prime Minister Giuseppe Conte.

With reporting by AP','d71ef475dee8e53a1bbd39ddcade1f152b4ea4b481f7b002b50f424138b44183','2026-12-02 08:20:31.923154','reference article loader','','2026-12-02 08:20:31.926888',1,'2026-12-02 08:20:31.927549','reference article: rferl-2020-07-libya-syrian-fighters.txt','+',NULL,3);
CREATE TABLE "sources_historicalsource" ("id" bigint NOT NULL, "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL, "kind" varchar(32) NOT NULL, "title" varchar(500) NOT NULL, "url" varchar(2000) NOT NULL, "published_on" date NULL, "published_precision" varchar(5) NOT NULL, "language" varchar(35) NOT NULL, "is_public" bool NOT NULL, "access_note" varchar(500) NOT NULL, "archive_url" varchar(2000) NOT NULL, "history_id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "history_date" datetime NOT NULL, "history_change_reason" text NULL, "history_type" varchar(1) NOT NULL, "history_user_id" integer NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED, "publisher_id" bigint NULL);
INSERT INTO "sources_historicalsource" VALUES(1,'2026-12-02 08:20:31.889088','2026-12-02 08:20:31.889121','report','Defense Department report on the Turkish deployments in Libya','',NULL,'day','en',0,'the Defense Department''s report, seen by the Associated Press on July 17','',1,'2026-12-02 08:20:31.889929','reference article: rferl-2020-07-libya-syrian-fighters.txt','+',NULL,2);
INSERT INTO "sources_historicalsource" VALUES(2,'2026-12-02 08:20:31.903705','2026-12-02 08:20:31.903745','agency_story','Associated Press story on the Pentagon report on Syrian fighters in Libya','',NULL,'day','en',1,'','',2,'2026-12-02 08:20:31.904338','reference article: rferl-2020-07-libya-syrian-fighters.txt','+',NULL,3);
INSERT INTO "sources_historicalsource" VALUES(3,'2026-12-02 08:20:31.916516','2026-12-02 08:20:31.916557','news_article','Pentagon Says Turkey Sent 3,500 Syrian Fighters To Back Libyan Government','','2020-07-01','month','en',1,'','',3,'2026-12-02 08:20:31.917050','reference article: rferl-2020-07-libya-syrian-fighters.txt','+',NULL,4);
CREATE TABLE "sources_historicalsource_authors" ("id" bigint NOT NULL, "m2m_history_id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "actor_id" bigint NULL, "history_id" integer NOT NULL, "source_id" bigint NULL);
CREATE TABLE "sources_snapshot" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "text" text NOT NULL, "sha256" varchar(64) NOT NULL, "captured_at" datetime NOT NULL, "captured_by" varchar(255) NOT NULL, "captured_from" varchar(2000) NOT NULL, "created_at" datetime NOT NULL, "source_id" bigint NOT NULL REFERENCES "sources_source" ("id") DEFERRABLE INITIALLY DEFERRED, CONSTRAINT "sources_snapshot_unique_source_sha256" UNIQUE ("source_id", "sha256"), CONSTRAINT "sources_snapshot_sha256_format" CHECK ("sha256" REGEXP '^[0-9a-f]{64}$'));
INSERT INTO "sources_snapshot" VALUES(1,'Pentagon Says Turkey Sent 3,500 Syrian Fighters To Back Libyan Government

Russia and Turkey have backed opposing sides in the Libyan conflict. (file photo)

The U.S. military says Turkey sent more than 3,500 Syrian fighters to Libya during the first three months of 2020 to help the North African country’s internationally recognized government in its civil war against a rebel commander.

The Defense Department’s report, seen by the Associated Press on July 17, was the U.S. military’s first to detail the Turkish deployments that helped change the course of the war in Libya.

The country has been torn by civil war since a NATO-backed popular uprising ousted and killed the North African country’s longtime dictator Colonel Muammar Qaddafi in 2011.

The current struggle pits rebel Libyan commander Khalifa Haftar''s self-styled Libyan National Army (LNA) in the east of the country against the internationally recognized Government of National Accord (GNA), based in Tripoli.

Turkey has provided support for the GNA. Qatar and Italy have also backed the Tripoli-based government.

Russia has supported the rebels, mainly through the Kremlin-connected military contractor Vagner Group. France, Egypt, Jordan, and the United Arab Emirates also back Haftar.

SEE ALSO: Interview: Russia And Turkey Kick A ''Wasp''s Nest'' In Libya

Both Russia and Turkey have been criticized by the UN and Western officials, who say their efforts to arm their allies have led to an intensification of the violence.

The United States has accused Moscow of deploying military jets to Libya to provide support for the Russian mercenaries

Moscow has denied the Russian state is responsible for any deployments of the Vagner group and denied sending aircraft to Libya.

The new Pentagon report says Turkey paid and offered citizenship to thousands of mercenaries fighting alongside Tripoli-based militias against Haftar''s forces.

The report said no evidence was found to indicate that the Syrian fighters were affiliated with the Islamic State (IS) extremist group or Al-Qaeda, saying instead that they were “very likely” motivated by financial reasons than by ideology.

A string of Turkish-backed victories by the Tripoli forces has driven Haftar''s troops from the capital’s suburbs and other strongholds since Ankara''s deployment of forces.

The UN has been pressing the sides in the conflict to push forward with peace talks.

On July 18, Germany, France, and Italy warned that they were prepared to apply sanctions on those violating the UN embargo on arms flowing into Libya.

"We are prepared to consider a possible use of sanctions if infringements against the land, sea and air embargo continue," the three heads of government wrote in a joint statement on July 18, without naming a state or entity which could be the target.

"We therefore call on all Libyan parties as well as their international backers to put a stop to combat activities and the acquisition of arms in the entire country," said the statement, drawn up during a summit in Brussels, by German Chancellor Angela Merkel, French President Emmanuel Macron and Italian Prime Minister Giuseppe Conte.

With reporting by AP','d71ef475dee8e53a1bbd39ddcade1f152b4ea4b481f7b002b50f424138b44183','2026-12-02 08:20:31.923154','reference article loader','','2026-12-02 08:20:31.926888',3);
CREATE TABLE "sources_source" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL, "kind" varchar(32) NOT NULL, "title" varchar(500) NOT NULL, "url" varchar(2000) NOT NULL, "published_on" date NULL, "published_precision" varchar(5) NOT NULL, "language" varchar(35) NOT NULL, "is_public" bool NOT NULL, "access_note" varchar(500) NOT NULL, "archive_url" varchar(2000) NOT NULL, "publisher_id" bigint NULL REFERENCES "sources_actor" ("id") DEFERRABLE INITIALLY DEFERRED, CONSTRAINT "sources_source_kind_valid" CHECK ("kind" IN ('news_article', 'agency_story', 'report', 'press_release', 'statement', 'social_post', 'transcript', 'broadcast', 'dataset', 'other')), CONSTRAINT "sources_source_published_precision_valid" CHECK ("published_precision" IN ('day', 'month', 'year')), CONSTRAINT "sources_source_language_format" CHECK ("language" REGEXP '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$'));
INSERT INTO "sources_source" VALUES(1,'2026-12-02 08:20:31.889088','2026-12-02 08:20:31.889121','report','Defense Department report on the Turkish deployments in Libya','',NULL,'day','en',0,'the Defense Department''s report, seen by the Associated Press on July 17','',2);
INSERT INTO "sources_source" VALUES(2,'2026-12-02 08:20:31.903705','2026-12-02 08:20:31.903745','agency_story','Associated Press story on the Pentagon report on Syrian fighters in Libya','',NULL,'day','en',1,'','',3);
INSERT INTO "sources_source" VALUES(3,'2026-12-02 08:20:31.916516','2026-12-02 08:20:31.916557','news_article','Pentagon Says Turkey Sent 3,500 Syrian Fighters To Back Libyan Government','','2020-07-01','month','en',1,'','',4);
CREATE TABLE "sources_source_authors" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "source_id" bigint NOT NULL REFERENCES "sources_source" ("id") DEFERRABLE INITIALLY DEFERRED, "actor_id" bigint NOT NULL REFERENCES "sources_actor" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE UNIQUE INDEX "auth_group_permissions_group_id_permission_id_0cd325b0_uniq" ON "auth_group_permissions" ("group_id", "permission_id");
CREATE INDEX "auth_group_permissions_group_id_b120cbf9" ON "auth_group_permissions" ("group_id");
CREATE INDEX "auth_group_permissions_permission_id_84c5c92e" ON "auth_group_permissions" ("permission_id");
CREATE UNIQUE INDEX "auth_user_groups_user_id_group_id_94350c0c_uniq" ON "auth_user_groups" ("user_id", "group_id");
CREATE INDEX "auth_user_groups_user_id_6a12ed8b" ON "auth_user_groups" ("user_id");
CREATE INDEX "auth_user_groups_group_id_97559544" ON "auth_user_groups" ("group_id");
CREATE UNIQUE INDEX "auth_user_user_permissions_user_id_permission_id_14a6b632_uniq" ON "auth_user_user_permissions" ("user_id", "permission_id");
CREATE INDEX "auth_user_user_permissions_user_id_a95ead1b" ON "auth_user_user_permissions" ("user_id");
CREATE INDEX "auth_user_user_permissions_permission_id_1fbb5f2c" ON "auth_user_user_permissions" ("permission_id");
CREATE INDEX "django_admin_log_content_type_id_c4bce8eb" ON "django_admin_log" ("content_type_id");
CREATE INDEX "django_admin_log_user_id_c564eba6" ON "django_admin_log" ("user_id");
CREATE UNIQUE INDEX "django_content_type_app_label_model_76bd3d3b_uniq" ON "django_content_type" ("app_label", "model");
CREATE UNIQUE INDEX "auth_permission_content_type_id_codename_01ab375a_uniq" ON "auth_permission" ("content_type_id", "codename");
CREATE INDEX "auth_permission_content_type_id_2f476e4b" ON "auth_permission" ("content_type_id");
CREATE INDEX "sources_historicalactor_id_b2fb65aa" ON "sources_historicalactor" ("id");
CREATE INDEX "sources_historicalactor_created_at_675b5156" ON "sources_historicalactor" ("created_at");
CREATE INDEX "sources_historicalactor_updated_at_4f2522fe" ON "sources_historicalactor" ("updated_at");
CREATE INDEX "sources_historicalactor_kind_ae9a2002" ON "sources_historicalactor" ("kind");
CREATE INDEX "sources_historicalactor_name_folded_9d4d8a4b" ON "sources_historicalactor" ("name_folded");
CREATE INDEX "sources_historicalactor_history_date_ddd6a086" ON "sources_historicalactor" ("history_date");
CREATE INDEX "sources_historicalactor_history_user_id_99a7d718" ON "sources_historicalactor" ("history_user_id");
CREATE INDEX "sources_historicalactor_leader_id_9143cccf" ON "sources_historicalactor" ("leader_id");
CREATE INDEX "sources_historicalactor_parent_id_ddbb2f53" ON "sources_historicalactor" ("parent_id");
CREATE INDEX "sources_historicalalias_id_6e7d0bd0" ON "sources_historicalalias" ("id");
CREATE INDEX "sources_historicalalias_created_at_b8e27171" ON "sources_historicalalias" ("created_at");
CREATE INDEX "sources_historicalalias_updated_at_bbc87cbf" ON "sources_historicalalias" ("updated_at");
CREATE INDEX "sources_historicalalias_name_folded_2d525c0a" ON "sources_historicalalias" ("name_folded");
CREATE INDEX "sources_historicalalias_history_date_fff830e8" ON "sources_historicalalias" ("history_date");
CREATE INDEX "sources_historicalalias_actor_id_533ca9cb" ON "sources_historicalalias" ("actor_id");
CREATE INDEX "sources_historicalalias_history_user_id_0dfafd83" ON "sources_historicalalias" ("history_user_id");
CREATE INDEX "sources_historicalsource_id_1558f2ac" ON "sources_historicalsource" ("id");
CREATE INDEX "sources_historicalsource_created_at_9b293d0f" ON "sources_historicalsource" ("created_at");
CREATE INDEX "sources_historicalsource_updated_at_2ad8889e" ON "sources_historicalsource" ("updated_at");
CREATE INDEX "sources_historicalsource_kind_493dcf90" ON "sources_historicalsource" ("kind");
CREATE INDEX "sources_historicalsource_published_on_53881450" ON "sources_historicalsource" ("published_on");
CREATE INDEX "sources_historicalsource_language_829bf9bd" ON "sources_historicalsource" ("language");
CREATE INDEX "sources_historicalsource_history_date_600e944e" ON "sources_historicalsource" ("history_date");
CREATE INDEX "sources_historicalsource_history_user_id_83effe48" ON "sources_historicalsource" ("history_user_id");
CREATE INDEX "sources_historicalsource_publisher_id_f2a92442" ON "sources_historicalsource" ("publisher_id");
CREATE UNIQUE INDEX "sources_source_authors_source_id_actor_id_1dff90d1_uniq" ON "sources_source_authors" ("source_id", "actor_id");
CREATE INDEX "sources_source_authors_source_id_9567febf" ON "sources_source_authors" ("source_id");
CREATE INDEX "sources_source_authors_actor_id_781662ad" ON "sources_source_authors" ("actor_id");
CREATE INDEX "sources_historicalsource_authors_id_99f609c7" ON "sources_historicalsource_authors" ("id");
CREATE INDEX "sources_historicalsource_authors_actor_id_56183f30" ON "sources_historicalsource_authors" ("actor_id");
CREATE INDEX "sources_historicalsource_authors_history_id_9dd6ba3f" ON "sources_historicalsource_authors" ("history_id");
CREATE INDEX "sources_historicalsource_authors_source_id_a2bf311d" ON "sources_historicalsource_authors" ("source_id");
CREATE INDEX "sources_historicalsnapshot_id_7dfc0f61" ON "sources_historicalsnapshot" ("id");
CREATE INDEX "sources_historicalsnapshot_history_date_bfcb2e70" ON "sources_historicalsnapshot" ("history_date");
CREATE INDEX "sources_historicalsnapshot_history_user_id_76090c96" ON "sources_historicalsnapshot" ("history_user_id");
CREATE INDEX "sources_historicalsnapshot_source_id_9f814e71" ON "sources_historicalsnapshot" ("source_id");
CREATE UNIQUE INDEX "sources_actor_unique_wikidata_id" ON "sources_actor" ("wikidata_id") WHERE NOT ("wikidata_id" = '');
CREATE INDEX "sources_actor_created_at_ca49622d" ON "sources_actor" ("created_at");
CREATE INDEX "sources_actor_updated_at_c69571eb" ON "sources_actor" ("updated_at");
CREATE INDEX "sources_actor_kind_484a0236" ON "sources_actor" ("kind");
CREATE INDEX "sources_actor_name_folded_d9fdfabe" ON "sources_actor" ("name_folded");
CREATE INDEX "sources_actor_leader_id_3bc43b3d" ON "sources_actor" ("leader_id");
CREATE INDEX "sources_actor_parent_id_b4f94c13" ON "sources_actor" ("parent_id");
CREATE INDEX "sources_alias_created_at_e1dcd1e4" ON "sources_alias" ("created_at");
CREATE INDEX "sources_alias_updated_at_85ad969a" ON "sources_alias" ("updated_at");
CREATE INDEX "sources_alias_name_folded_a1368e15" ON "sources_alias" ("name_folded");
CREATE INDEX "sources_alias_actor_id_788f1d75" ON "sources_alias" ("actor_id");
CREATE UNIQUE INDEX "sources_source_unique_url" ON "sources_source" ("url") WHERE NOT ("url" = '');
CREATE INDEX "sources_source_created_at_900cdaad" ON "sources_source" ("created_at");
CREATE INDEX "sources_source_updated_at_e1301f6a" ON "sources_source" ("updated_at");
CREATE INDEX "sources_source_kind_b6c9b4bb" ON "sources_source" ("kind");
CREATE INDEX "sources_source_published_on_01f1da31" ON "sources_source" ("published_on");
CREATE INDEX "sources_source_language_15fb2b6b" ON "sources_source" ("language");
CREATE INDEX "sources_source_publisher_id_2494acc4" ON "sources_source" ("publisher_id");
CREATE INDEX "sources_sou_publish_162c61_idx" ON "sources_source" ("publisher_id", "published_on" DESC);
CREATE INDEX "sources_snapshot_source_id_22dc2b3e" ON "sources_snapshot" ("source_id");
CREATE INDEX "claims_topic_created_at_5671e12c" ON "claims_topic" ("created_at");
CREATE INDEX "claims_topic_updated_at_78081159" ON "claims_topic" ("updated_at");
CREATE UNIQUE INDEX "claims_claim_about_claim_id_actor_id_479bd6c0_uniq" ON "claims_claim_about" ("claim_id", "actor_id");
CREATE INDEX "claims_claim_about_claim_id_59647f8f" ON "claims_claim_about" ("claim_id");
CREATE INDEX "claims_claim_about_actor_id_8cb62473" ON "claims_claim_about" ("actor_id");
CREATE UNIQUE INDEX "claims_claim_topics_claim_id_topic_id_1bb5b613_uniq" ON "claims_claim_topics" ("claim_id", "topic_id");
CREATE INDEX "claims_claim_topics_claim_id_3ad1a16c" ON "claims_claim_topics" ("claim_id");
CREATE INDEX "claims_claim_topics_topic_id_6de46e65" ON "claims_claim_topics" ("topic_id");
CREATE INDEX "claims_historicalclaim_id_a3358750" ON "claims_historicalclaim" ("id");
CREATE INDEX "claims_historicalclaim_created_at_100925c8" ON "claims_historicalclaim" ("created_at");
CREATE INDEX "claims_historicalclaim_updated_at_eb29f4ee" ON "claims_historicalclaim" ("updated_at");
CREATE INDEX "claims_historicalclaim_language_e899813c" ON "claims_historicalclaim" ("language");
CREATE INDEX "claims_historicalclaim_history_date_2c14ec26" ON "claims_historicalclaim" ("history_date");
CREATE INDEX "claims_historicalclaim_history_user_id_800355f2" ON "claims_historicalclaim" ("history_user_id");
CREATE INDEX "claims_historicalclaim_about_id_c17d6f15" ON "claims_historicalclaim_about" ("id");
CREATE INDEX "claims_historicalclaim_about_actor_id_479ea908" ON "claims_historicalclaim_about" ("actor_id");
CREATE INDEX "claims_historicalclaim_about_claim_id_dd12783a" ON "claims_historicalclaim_about" ("claim_id");
CREATE INDEX "claims_historicalclaim_about_history_id_c6a39a15" ON "claims_historicalclaim_about" ("history_id");
CREATE INDEX "claims_historicalclaimrelation_id_297c1b05" ON "claims_historicalclaimrelation" ("id");
CREATE INDEX "claims_historicalclaimrelation_created_at_59d7a16e" ON "claims_historicalclaimrelation" ("created_at");
CREATE INDEX "claims_historicalclaimrelation_updated_at_3b3cbd50" ON "claims_historicalclaimrelation" ("updated_at");
CREATE INDEX "claims_historicalclaimrelation_history_date_8b5acc72" ON "claims_historicalclaimrelation" ("history_date");
CREATE INDEX "claims_historicalclaimrelation_from_claim_id_7d6ec419" ON "claims_historicalclaimrelation" ("from_claim_id");
CREATE INDEX "claims_historicalclaimrelation_history_user_id_aaf4bc7d" ON "claims_historicalclaimrelation" ("history_user_id");
CREATE INDEX "claims_historicalclaimrelation_to_claim_id_14c24105" ON "claims_historicalclaimrelation" ("to_claim_id");
CREATE INDEX "claims_historicaltopic_id_96c34fc1" ON "claims_historicaltopic" ("id");
CREATE INDEX "claims_historicaltopic_created_at_b4275504" ON "claims_historicaltopic" ("created_at");
CREATE INDEX "claims_historicaltopic_updated_at_70edadf3" ON "claims_historicaltopic" ("updated_at");
CREATE INDEX "claims_historicaltopic_name_0fec680b" ON "claims_historicaltopic" ("name");
CREATE INDEX "claims_historicaltopic_slug_90f0fa8f" ON "claims_historicaltopic" ("slug");
CREATE INDEX "claims_historicaltopic_history_date_3025e87a" ON "claims_historicaltopic" ("history_date");
CREATE INDEX "claims_historicaltopic_history_user_id_87aad7e3" ON "claims_historicaltopic" ("history_user_id");
CREATE INDEX "claims_historicalstatement_id_02fafdb9" ON "claims_historicalstatement" ("id");
CREATE INDEX "claims_historicalstatement_created_at_40e3cb7c" ON "claims_historicalstatement" ("created_at");
CREATE INDEX "claims_historicalstatement_updated_at_a8428b40" ON "claims_historicalstatement" ("updated_at");
CREATE INDEX "claims_historicalstatement_history_date_3fa90f5f" ON "claims_historicalstatement" ("history_date");
CREATE INDEX "claims_historicalstatement_actor_id_d649256a" ON "claims_historicalstatement" ("actor_id");
CREATE INDEX "claims_historicalstatement_claim_id_787efdb1" ON "claims_historicalstatement" ("claim_id");
CREATE INDEX "claims_historicalstatement_history_user_id_8083bad0" ON "claims_historicalstatement" ("history_user_id");
CREATE INDEX "claims_historicalstatement_responds_to_id_a68ed710" ON "claims_historicalstatement" ("responds_to_id");
CREATE INDEX "claims_historicalcitation_id_d66e63dd" ON "claims_historicalcitation" ("id");
CREATE INDEX "claims_historicalcitation_created_at_5c0f5078" ON "claims_historicalcitation" ("created_at");
CREATE INDEX "claims_historicalcitation_updated_at_56bb51db" ON "claims_historicalcitation" ("updated_at");
CREATE INDEX "claims_historicalcitation_history_date_018b6fcc" ON "claims_historicalcitation" ("history_date");
CREATE INDEX "claims_historicalcitation_derived_from_id_720a99fa" ON "claims_historicalcitation" ("derived_from_id");
CREATE INDEX "claims_historicalcitation_history_user_id_07daf199" ON "claims_historicalcitation" ("history_user_id");
CREATE INDEX "claims_historicalcitation_snapshot_id_b6556994" ON "claims_historicalcitation" ("snapshot_id");
CREATE INDEX "claims_historicalcitation_source_id_e3c38937" ON "claims_historicalcitation" ("source_id");
CREATE INDEX "claims_historicalcitation_statement_id_5e5ba3dc" ON "claims_historicalcitation" ("statement_id");
CREATE INDEX "claims_historicalclaim_topics_id_a0a70e17" ON "claims_historicalclaim_topics" ("id");
CREATE INDEX "claims_historicalclaim_topics_claim_id_49278cae" ON "claims_historicalclaim_topics" ("claim_id");
CREATE INDEX "claims_historicalclaim_topics_history_id_169ec780" ON "claims_historicalclaim_topics" ("history_id");
CREATE INDEX "claims_historicalclaim_topics_topic_id_48e80ceb" ON "claims_historicalclaim_topics" ("topic_id");
CREATE INDEX "claims_claimrelation_created_at_e204cc00" ON "claims_claimrelation" ("created_at");
CREATE INDEX "claims_claimrelation_updated_at_12c453e8" ON "claims_claimrelation" ("updated_at");
CREATE INDEX "claims_claimrelation_from_claim_id_8abcff86" ON "claims_claimrelation" ("from_claim_id");
CREATE INDEX "claims_claimrelation_to_claim_id_f2b8c349" ON "claims_claimrelation" ("to_claim_id");
CREATE INDEX "claims_statement_created_at_6bae730e" ON "claims_statement" ("created_at");
CREATE INDEX "claims_statement_updated_at_1fcdca75" ON "claims_statement" ("updated_at");
CREATE INDEX "claims_statement_actor_id_3805316c" ON "claims_statement" ("actor_id");
CREATE INDEX "claims_statement_claim_id_74508464" ON "claims_statement" ("claim_id");
CREATE INDEX "claims_statement_responds_to_id_8b8c599d" ON "claims_statement" ("responds_to_id");
CREATE INDEX "claims_stat_claim_i_41a894_idx" ON "claims_statement" ("claim_id", "stance");
CREATE INDEX "claims_stat_actor_i_852657_idx" ON "claims_statement" ("actor_id", "stance");
CREATE INDEX "claims_citation_created_at_9279ee71" ON "claims_citation" ("created_at");
CREATE INDEX "claims_citation_updated_at_5f525343" ON "claims_citation" ("updated_at");
CREATE INDEX "claims_citation_snapshot_id_5f2cd4c7" ON "claims_citation" ("snapshot_id");
CREATE INDEX "claims_citation_source_id_58f3bd82" ON "claims_citation" ("source_id");
CREATE INDEX "claims_citation_statement_id_55224b58" ON "claims_citation" ("statement_id");
CREATE INDEX "claims_citation_derived_from_id_33219ba5" ON "claims_citation" ("derived_from_id");
CREATE INDEX "claims_cita_source__612b29_idx" ON "claims_citation" ("source_id", "role");
CREATE INDEX "claims_claim_created_at_fc5da0c9" ON "claims_claim" ("created_at");
CREATE INDEX "claims_claim_updated_at_3114349d" ON "claims_claim" ("updated_at");
CREATE INDEX "claims_claim_language_358b45a2" ON "claims_claim" ("language");
CREATE INDEX "claims_claim_period_first_idx" ON "claims_claim" ((COALESCE("period_start", "period_end")));
CREATE INDEX "claims_claim_period_last_idx" ON "claims_claim" ((COALESCE("period_end", "period_start")));
CREATE INDEX "claims_claim_quantity_idx" ON "claims_claim" ("quantity_value") WHERE "quantity_value" IS NOT NULL;
CREATE INDEX "claims_historicalratingscale_id_3960c76a" ON "claims_historicalratingscale" ("id");
CREATE INDEX "claims_historicalratingscale_created_at_40b05583" ON "claims_historicalratingscale" ("created_at");
CREATE INDEX "claims_historicalratingscale_updated_at_2434af67" ON "claims_historicalratingscale" ("updated_at");
CREATE INDEX "claims_historicalratingscale_name_24f88184" ON "claims_historicalratingscale" ("name");
CREATE INDEX "claims_historicalratingscale_slug_d3d0b9fc" ON "claims_historicalratingscale" ("slug");
CREATE INDEX "claims_historicalratingscale_history_date_94efe870" ON "claims_historicalratingscale" ("history_date");
CREATE INDEX "claims_historicalratingscale_history_user_id_669deea0" ON "claims_historicalratingscale" ("history_user_id");
CREATE UNIQUE INDEX "claims_ratingscale_one_default" ON "claims_ratingscale" ("is_default") WHERE "is_default" = 1;
CREATE INDEX "claims_ratingscale_created_at_658d79d6" ON "claims_ratingscale" ("created_at");
CREATE INDEX "claims_ratingscale_updated_at_1d19eb02" ON "claims_ratingscale" ("updated_at");
CREATE INDEX "claims_historicalreview_id_7f1169e1" ON "claims_historicalreview" ("id");
CREATE INDEX "claims_historicalreview_created_at_02ebd4f1" ON "claims_historicalreview" ("created_at");
CREATE INDEX "claims_historicalreview_updated_at_337e81fc" ON "claims_historicalreview" ("updated_at");
CREATE INDEX "claims_historicalreview_published_at_1f6b727f" ON "claims_historicalreview" ("published_at");
CREATE INDEX "claims_historicalreview_history_date_843fcfcf" ON "claims_historicalreview" ("history_date");
CREATE INDEX "claims_historicalreview_approver_id_68b6bd1e" ON "claims_historicalreview" ("approver_id");
CREATE INDEX "claims_historicalreview_assignee_id_14dc5139" ON "claims_historicalreview" ("assignee_id");
CREATE INDEX "claims_historicalreview_claim_id_000686b3" ON "claims_historicalreview" ("claim_id");
CREATE INDEX "claims_historicalreview_history_user_id_036256f0" ON "claims_historicalreview" ("history_user_id");
CREATE INDEX "claims_historicalreview_published_by_id_58720249" ON "claims_historicalreview" ("published_by_id");
CREATE INDEX "claims_historicalreview_verdict_author_id_d614274e" ON "claims_historicalreview" ("verdict_author_id");
CREATE INDEX "claims_historicalreview_rating_id_45ffe93a" ON "claims_historicalreview" ("rating_id");
CREATE INDEX "claims_historicalreview_scale_id_0aa680c3" ON "claims_historicalreview" ("scale_id");
CREATE INDEX "claims_historicalratinglabel_id_738b2526" ON "claims_historicalratinglabel" ("id");
CREATE INDEX "claims_historicalratinglabel_created_at_60d368ec" ON "claims_historicalratinglabel" ("created_at");
CREATE INDEX "claims_historicalratinglabel_updated_at_3e9cc19d" ON "claims_historicalratinglabel" ("updated_at");
CREATE INDEX "claims_historicalratinglabel_history_date_130e26ae" ON "claims_historicalratinglabel" ("history_date");
CREATE INDEX "claims_historicalratinglabel_history_user_id_25007e98" ON "claims_historicalratinglabel" ("history_user_id");
CREATE INDEX "claims_historicalratinglabel_scale_id_82726dba" ON "claims_historicalratinglabel" ("scale_id");
CREATE UNIQUE INDEX "claims_review_evidence_review_id_citation_id_be9212df_uniq" ON "claims_review_evidence" ("review_id", "citation_id");
CREATE INDEX "claims_review_evidence_review_id_125e1df6" ON "claims_review_evidence" ("review_id");
CREATE INDEX "claims_review_evidence_citation_id_744d094a" ON "claims_review_evidence" ("citation_id");
CREATE INDEX "claims_historicalreviewcomment_id_2c213616" ON "claims_historicalreviewcomment" ("id");
CREATE INDEX "claims_historicalreviewcomment_created_at_9c2f6b17" ON "claims_historicalreviewcomment" ("created_at");
CREATE INDEX "claims_historicalreviewcomment_updated_at_36d6456c" ON "claims_historicalreviewcomment" ("updated_at");
CREATE INDEX "claims_historicalreviewcomment_history_date_ad6ff678" ON "claims_historicalreviewcomment" ("history_date");
CREATE INDEX "claims_historicalreviewcomment_author_id_43804644" ON "claims_historicalreviewcomment" ("author_id");
CREATE INDEX "claims_historicalreviewcomment_history_user_id_5ea1060a" ON "claims_historicalreviewcomment" ("history_user_id");
CREATE INDEX "claims_historicalreviewcomment_review_id_cc9fc513" ON "claims_historicalreviewcomment" ("review_id");
CREATE INDEX "claims_historicalreview_evidence_id_03bb0b47" ON "claims_historicalreview_evidence" ("id");
CREATE INDEX "claims_historicalreview_evidence_citation_id_5c4eb357" ON "claims_historicalreview_evidence" ("citation_id");
CREATE INDEX "claims_historicalreview_evidence_history_id_dbe3d835" ON "claims_historicalreview_evidence" ("history_id");
CREATE INDEX "claims_historicalreview_evidence_review_id_02d879aa" ON "claims_historicalreview_evidence" ("review_id");
CREATE INDEX "claims_historicalreview_previous_id_cf9fbe19" ON "claims_historicalreview" ("previous_id");
CREATE INDEX "claims_reviewcomment_created_at_073954b8" ON "claims_reviewcomment" ("created_at");
CREATE INDEX "claims_reviewcomment_updated_at_0436fc40" ON "claims_reviewcomment" ("updated_at");
CREATE INDEX "claims_reviewcomment_author_id_4c842cc6" ON "claims_reviewcomment" ("author_id");
CREATE INDEX "claims_reviewcomment_review_id_a91d0ac0" ON "claims_reviewcomment" ("review_id");
CREATE INDEX "claims_ratinglabel_created_at_2557bcc2" ON "claims_ratinglabel" ("created_at");
CREATE INDEX "claims_ratinglabel_updated_at_38c2126f" ON "claims_ratinglabel" ("updated_at");
CREATE INDEX "claims_ratinglabel_scale_id_75dc7b32" ON "claims_ratinglabel" ("scale_id");
CREATE UNIQUE INDEX "claims_review_one_open_per_claim" ON "claims_review" ("claim_id") WHERE "state" IN ('draft', 'submitted', 'in_review', 'changes_requested', 'approved');
CREATE UNIQUE INDEX "claims_review_one_published_per_claim" ON "claims_review" ("claim_id") WHERE "state" = 'published';
CREATE INDEX "claims_review_created_at_1827c7a9" ON "claims_review" ("created_at");
CREATE INDEX "claims_review_updated_at_f112408f" ON "claims_review" ("updated_at");
CREATE INDEX "claims_review_published_at_e0214a89" ON "claims_review" ("published_at");
CREATE INDEX "claims_review_approver_id_41d090c3" ON "claims_review" ("approver_id");
CREATE INDEX "claims_review_assignee_id_fbdc8c1d" ON "claims_review" ("assignee_id");
CREATE INDEX "claims_review_claim_id_45948026" ON "claims_review" ("claim_id");
CREATE INDEX "claims_review_published_by_id_8ec7908b" ON "claims_review" ("published_by_id");
CREATE INDEX "claims_review_rating_id_e84121b6" ON "claims_review" ("rating_id");
CREATE INDEX "claims_review_scale_id_00eea59d" ON "claims_review" ("scale_id");
CREATE INDEX "claims_review_verdict_author_id_ebb08f81" ON "claims_review" ("verdict_author_id");
CREATE INDEX "claims_revi_state_aee4d0_idx" ON "claims_review" ("state", "priority", "due_on");
CREATE INDEX "claims_revi_assigne_9fbf50_idx" ON "claims_review" ("assignee_id", "state");
CREATE INDEX "claims_reviewevent_at_7a9d5747" ON "claims_reviewevent" ("at");
CREATE INDEX "claims_reviewevent_actor_id_a35e5979" ON "claims_reviewevent" ("actor_id");
CREATE INDEX "claims_reviewevent_review_id_f3371eb6" ON "claims_reviewevent" ("review_id");
CREATE UNIQUE INDEX "core_apitoken_unique_active_name_per_user" ON "core_apitoken" ("user_id", "name") WHERE "revoked_at" IS NULL;
CREATE INDEX "core_apitoken_user_id_030d32aa" ON "core_apitoken" ("user_id");
CREATE INDEX "django_session_expire_date_a5c62663" ON "django_session" ("expire_date");
CREATE INDEX "sources_sna_sha256_0fc32e_idx" ON "sources_snapshot" ("sha256");
DELETE FROM "sqlite_sequence";
INSERT INTO "sqlite_sequence" VALUES('django_migrations',28);
INSERT INTO "sqlite_sequence" VALUES('django_admin_log',1);
INSERT INTO "sqlite_sequence" VALUES('django_content_type',38);
INSERT INTO "sqlite_sequence" VALUES('auth_permission',157);
INSERT INTO "sqlite_sequence" VALUES('auth_group',4);
INSERT INTO "sqlite_sequence" VALUES('auth_user',6);
INSERT INTO "sqlite_sequence" VALUES('sources_actor',14);
INSERT INTO "sqlite_sequence" VALUES('sources_alias',17);
INSERT INTO "sqlite_sequence" VALUES('sources_source',3);
INSERT INTO "sqlite_sequence" VALUES('sources_snapshot',1);
INSERT INTO "sqlite_sequence" VALUES('claims_statement',12);
INSERT INTO "sqlite_sequence" VALUES('claims_citation',18);
INSERT INTO "sqlite_sequence" VALUES('claims_claim',7);
INSERT INTO "sqlite_sequence" VALUES('claims_ratinglabel',9);
INSERT INTO "sqlite_sequence" VALUES('claims_review',3);
INSERT INTO "sqlite_sequence" VALUES('claims_reviewevent',13);
INSERT INTO "sqlite_sequence" VALUES('claims_ratingscale',2);
INSERT INTO "sqlite_sequence" VALUES('auth_group_permissions',131);
INSERT INTO "sqlite_sequence" VALUES('sources_historicalactor',14);
INSERT INTO "sqlite_sequence" VALUES('sources_historicalalias',17);
INSERT INTO "sqlite_sequence" VALUES('sources_historicalsource',3);
INSERT INTO "sqlite_sequence" VALUES('sources_historicalsnapshot',1);
INSERT INTO "sqlite_sequence" VALUES('claims_topic',3);
INSERT INTO "sqlite_sequence" VALUES('claims_historicaltopic',3);
INSERT INTO "sqlite_sequence" VALUES('claims_historicalclaim',19);
INSERT INTO "sqlite_sequence" VALUES('claims_claim_about',7);
INSERT INTO "sqlite_sequence" VALUES('claims_historicalclaim_about',14);
INSERT INTO "sqlite_sequence" VALUES('claims_claim_topics',12);
INSERT INTO "sqlite_sequence" VALUES('claims_historicalclaim_topics',12);
INSERT INTO "sqlite_sequence" VALUES('claims_historicalstatement',12);
INSERT INTO "sqlite_sequence" VALUES('claims_historicalcitation',18);
INSERT INTO "sqlite_sequence" VALUES('auth_user_groups',6);
INSERT INTO "sqlite_sequence" VALUES('claims_historicalreview',17);
INSERT INTO "sqlite_sequence" VALUES('claims_review_evidence',6);
INSERT INTO "sqlite_sequence" VALUES('claims_historicalreview_evidence',15);
INSERT INTO "sqlite_sequence" VALUES('claims_reviewcomment',1);
INSERT INTO "sqlite_sequence" VALUES('claims_historicalreviewcomment',1);
INSERT INTO "sqlite_sequence" VALUES('core_apitoken',1);
COMMIT;
