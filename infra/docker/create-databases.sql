-- Run once by the postgres image on an empty volume (docker-entrypoint-initdb.d), as the saga superuser.
-- Same databases as the native runner (infra/src/config.ts POSTGRES.databases; a unit test compares them).
CREATE DATABASE order_db OWNER saga;
CREATE DATABASE product_db OWNER saga;
CREATE DATABASE coupon_db OWNER saga;
CREATE DATABASE user_db OWNER saga;
